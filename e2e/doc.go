// Package e2e holds the end-to-end tests: each deploys an app of this
// repository (the reference app, the examples) to the local AWS emulator
// with the real cdktf CLI, checks the result through the AWS API, re-plans
// expecting no changes, and destroys. They run under scripts/test.sh.
package e2e
