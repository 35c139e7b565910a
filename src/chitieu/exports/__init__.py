"""Writers that turn evaluations and figures into formats other programs read."""
