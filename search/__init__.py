"""Swedish full-text search over the register, the classification plan and the guides."""
