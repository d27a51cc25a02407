"""Search: compound rules, article text, Pagefind records and Pagefind's bundle."""
