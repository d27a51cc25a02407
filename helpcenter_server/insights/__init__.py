"""Search insights: what readers searched for, per language and day, knowing nobody."""
