# Convenience targets; the README's two commands (scripts/run, scripts/test) need no make.
.PHONY: run test bench bench-quick sanitize asan tsan oracles fuzz

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

# libFuzzer on every parser of user input, 10 minutes per target (scripts/fuzz SECONDS [TARGET...]).
fuzz:
	scripts/fuzz 600
