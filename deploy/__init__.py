"""Deployment files (nginx.conf, systemd units) and the local stack used by tests/deploy/."""
