# Shortcuts for the README commands.
.PHONY: demo test

demo:
	./scripts/demo

test:
	./scripts/test
