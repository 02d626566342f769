// Package e2e is the end-to-end harness: it starts the patched local AWS
// emulator, deploys a cdktf app with the real cdktf CLI, re-plans each
// stack expecting no changes (apart from the emulator gaps listed in
// gaps.go), gives AWS SDK clients pointed at the emulator, and destroys.
//
// End-to-end tests run only when MULTIREGION_E2E=1 (scripts/test.sh sets
// it); plain `go test ./...` stays fast and needs no Node.js.
package e2e
