"""News feeds to a warehouse of relation facts."""
