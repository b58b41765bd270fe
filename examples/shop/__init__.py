"""A tiny shop for examples/patch_client_class.py: a service and its client."""
