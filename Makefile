# Convenience targets; the README's two commands (scripts/run, scripts/test) need no make.
.PHONY: run test bench bench-quick sanitize asan tsan oracles

run:
	scripts/run

test:
	scripts/test

bench:
	scripts/bench

bench-quick:
	scripts/bench --quick

oracles:
	scripts/oracles

# AddressSanitizer over the whole test suite, ThreadSanitizer over the parallel routines.
sanitize: asan tsan

asan:
	scripts/sanitize address

tsan:
	scripts/sanitize thread
