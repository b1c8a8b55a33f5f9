"""`make bench`: the platform measured side by side with raw NATS (issue #11). See bench/README.md."""
