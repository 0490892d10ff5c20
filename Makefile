# nnid — common tasks. `make demo` and `make test` work on a fresh Debian machine: `setup`
# installs the system libraries when they are missing.
SWIFT ?= swift
SWIFT_FLAGS ?=
DEB_PACKAGES = libgmp-dev liblapacke-dev libopenblas0 libblas3 liblapack3 pkg-config zlib1g-dev libflint-dev libflint-arb-dev
NNID = .build/release/nnid

.PHONY: setup build release demo test docs bench clean fuzz

setup:
	@missing=""; for p in $(DEB_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "installing:$$missing"; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing; \
	fi

build: setup
	$(SWIFT) build $(SWIFT_FLAGS)

release: setup
	$(SWIFT) build -c release $(SWIFT_FLAGS) --product nnid

demo: release
	@bash examples/demo.sh $(NNID)

test: setup
	$(SWIFT) build $(SWIFT_FLAGS) --product nnid
	$(SWIFT) test $(SWIFT_FLAGS)

# Fuzz every reader for SECONDS each (libFuzzer + AddressSanitizer; see Fuzz/README.md).
SECONDS ?= 60
fuzz: setup
	SWIFT=$(SWIFT) bash Fuzz/run.sh $(SECONDS)

clean:
	rm -rf .build .build-fuzz

# The DocC documentation of the library (HTML under .build/docs). Warnings fail the build.
docs: setup
	$(SWIFT) package --allow-writing-to-directory .build/docs generate-documentation \
	  --target Identifiability --output-path .build/docs --warnings-as-errors
