# retort — the two set-up commands of the README, and the build underneath them.
#   make demo    install what is missing, build, run the canonical scenario on SQLite
#   make test    install what is missing, build, start the test servers, run every test
#   make package the retort .deb (cpack -G DEB) in $(BUILD)/
BUILD ?= build
JOBS ?= $(shell nproc)
SERVERS_DIR ?= /tmp/retort-test-servers-$(shell id -u)

.PHONY: all deps build demo test install package bench clean

all: build

deps:
	@scripts/deps.sh build

build: deps
	@cmake -S . -B $(BUILD) -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
	@cmake --build $(BUILD) -j $(JOBS)

demo: build
	@scripts/demo.sh $(BUILD)/retort

test:
	@scripts/deps.sh test
	@$(MAKE) --no-print-directory build
	@scripts/run-tests.sh $(BUILD) $(SERVERS_DIR)

install: build
	cmake --install $(BUILD)

package: build
	@scripts/deps.sh package
	cd $(BUILD) && cpack -G DEB

bench: build
	bench/run

clean:
	rm -rf $(BUILD) demo
