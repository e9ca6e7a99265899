"""The scenario a visitor is looking at: its session state (kept in step with the URL), shareable
links and scenario files, and the saved scenarios of a session."""
