package synthtest

import (
	"os"
	"testing"

	"github.com/aws/jsii-runtime-go"
)

// UpdateEnv names the environment variable that makes Golden rewrite golden
// files instead of comparing: `UPDATE_GOLDEN=1 go test ./...`. An
// environment variable rather than a -update flag, because `go test ./...
// -update` fails in every test package that does not define the flag.
const UpdateEnv = "UPDATE_GOLDEN"

// Updating reports whether golden files are being rewritten.
func Updating() bool {
	v := os.Getenv(UpdateEnv)
	return v != "" && v != "0" && v != "false"
}

// Main is the TestMain of every test package whose binary links the jsii
// bindings (imports cdktf or a construct, directly or not):
//
//	func TestMain(m *testing.M) { synthtest.Main(m) }
//
// It runs the tests, then validates every stack they passed to Validate in
// one batch (a failure names its test), then stops the jsii runtime so its
// Node.js process exits and its jsii-runtime.* folder leaves the temp
// directory. The folder exists as soon as the bindings register their
// types at package init, so a package whose tests make no jsii call needs
// Main too.
func Main(m *testing.M) {
	pending.enable()
	code := m.Run()
	if !validatePending() {
		code = 1
	}
	jsii.Close()
	os.Exit(code)
}
