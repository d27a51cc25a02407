"""A busy machine, made on purpose: N processes that keep a core busy each, for a benchmark to
measure beside a quiet run.

    with busy(4) as load:          # 4 spinning processes; waits until the load average shows them
        ...measure...
    print(load.summary())          # "4 busy processes, load average 4.3 -> 6.1"

The 1-minute load average counts runnable processes: on a 2-core machine, 4 busy loops make it
about 4 above what the machine already had, which is what a CI run beside other work meets.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

SPIN = "while True: pass"
# The 1-minute average follows a change with a time constant of a minute: waiting for it to reach
# the number of busy processes takes up to about two minutes from a quiet machine.
RAMP_LIMIT_S = 150.0


@dataclass
class Load:
    processes: int
    samples: list[float] = field(default_factory=list)

    def sample(self) -> float:
        value = os.getloadavg()[0]
        self.samples.append(value)
        return value

    def summary(self) -> str:
        if not self.samples:
            return f"{self.processes} busy processes"
        return (f"{self.processes} busy processes, load average "
                f"{min(self.samples):.1f}-{max(self.samples):.1f}")


@contextmanager
def busy(processes: int, ramp: bool = True) -> Iterator[Load]:
    """`processes` spinning processes while the block runs (none for 0). With `ramp`, first waits
    until the 1-minute load average is at least `processes`, so the block meets that load."""
    load = Load(processes)
    spinners = [subprocess.Popen([sys.executable, "-c", SPIN]) for _ in range(processes)]
    try:
        deadline = time.monotonic() + RAMP_LIMIT_S
        while ramp and processes and load.sample() < processes and time.monotonic() < deadline:
            time.sleep(2)
        load.samples.clear()
        load.sample()
        yield load
        load.sample()
    finally:
        for spinner in spinners:
            spinner.kill()
            spinner.wait()
