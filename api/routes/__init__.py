"""HTTP routes: one router per file; `deps` holds the shared dependencies."""
