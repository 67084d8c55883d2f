# storyhub: make serve previews the bundled hub; make test runs every test.
GO ?= go
BIN := bin/storyhub
ADDR ?= 127.0.0.1:1313

.PHONY: build serve test cross fuzz bench clean hub

build:
	$(GO) build -trimpath -o $(BIN) ./cmd/storyhub

# Build the bundled hub once and serve it on loopback.
serve: build
	./$(BIN) serve -s . --addr $(ADDR)

# Build the bundled hub into public/.
hub: build
	./$(BIN) build -s . -o public

# The last line runs every benchmark once, so none stops working unseen
# (make bench times them). The race detector slows rendering about
# tenfold: resizing pictures and drawing preview cards take minutes, past
# a package's 10-minute default.
test: bin/staticcheck bin/actionlint cross
	$(GO) vet ./...
	bin/staticcheck ./...
	bin/actionlint
	$(GO) test -race -timeout 45m ./...
	$(GO) test -tags portable ./internal/build/
	$(GO) test -run TestHostileInput ./internal/build/
	$(GO) test -run '^$$' -bench . -benchtime 1x ./internal/build/ ./internal/server/

# Writers preview on macOS and Windows: every package and test builds
# and vets there too.
PLATFORMS := darwin/arm64 darwin/amd64 windows/amd64 linux/arm64
cross:
	@for p in $(PLATFORMS); do \
		echo "vet $$p"; \
		GOOS=$${p%/*} GOARCH=$${p#*/} $(GO) vet ./... || exit 1; \
	done

# staticcheck, and actionlint, which checks every workflow in
# .github/workflows (their scripts too, with shellcheck when it is
# installed), at the versions pinned in .ci/tools.
bin/staticcheck: .ci/tools/go.mod
	$(GO) build -C .ci/tools -o ../../bin/staticcheck honnef.co/go/tools/cmd/staticcheck
bin/actionlint: .ci/tools/go.mod
	$(GO) build -C .ci/tools -o ../../bin/actionlint github.com/rhysd/actionlint/cmd/actionlint

# Run each fuzz target for FUZZTIME (default 30s).
FUZZTIME ?= 30s
fuzz:
	$(GO) test -run='^$$' -fuzz=FuzzParse -fuzztime=$(FUZZTIME) ./internal/content/
	$(GO) test -run='^$$' -fuzz=FuzzCheckSVG -fuzztime=$(FUZZTIME) ./internal/content/
	$(GO) test -run='^$$' -fuzz=FuzzFrontMatterPositions -fuzztime=$(FUZZTIME) ./internal/content/
	$(GO) test -run='^$$' -fuzz=FuzzConfigPositions -fuzztime=$(FUZZTIME) ./internal/site/
	$(GO) test -run='^$$' -fuzz=FuzzCheck -fuzztime=$(FUZZTIME) ./internal/weburl/
	$(GO) test -run='^$$' -fuzz=FuzzRender -fuzztime=$(FUZZTIME) ./internal/markdown/
	$(GO) test -run='^$$' -fuzz=FuzzFeeds -fuzztime=$(FUZZTIME) ./internal/feed/
	$(GO) test -run='^$$' -fuzz=FuzzFromIssue -fuzztime=$(FUZZTIME) ./internal/scaffold/
	$(GO) test -run='^$$' -fuzz=FuzzOutputPaths -fuzztime=$(FUZZTIME) ./internal/build/
	$(GO) test -run='^$$' -fuzz=FuzzFoldFastPaths -fuzztime=$(FUZZTIME) ./internal/render/

# One table: storyhub against Hugo and the floor on the 10,000-story
# corpus, then the Go benchmarks of each phase and of serve's reloads.
bench: build
	.ci/bench

clean:
	rm -rf bin public
