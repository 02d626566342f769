package e2e

import (
	"flag"
	"regexp"
	"strings"
	"sync"
	"testing"
)

// The reference app's run is the suite's critical path: its first deploy
// and its checks are CPU-bound, while its drill mostly waits on the AWS
// provider's RDS polling. The smaller deployments (consumer, mesh) wait
// for the reference app's checks before they start, so they fill the
// drill's waits instead of slowing the deploy.
// scripts/test.sh runs the package with -parallel 3 so that the three it
// runs hold a slot at once.
var (
	referenceChecked  = make(chan struct{})
	openReferenceGate = sync.OnceFunc(func() { close(referenceChecked) })
)

// waitForReferenceChecks blocks until TestReferenceApp has deployed and
// checked the reference app (or ended), when this run includes it.
func waitForReferenceChecks(t *testing.T) {
	t.Helper()
	if !runs("TestReferenceApp") {
		return
	}
	t.Log("waiting for TestReferenceApp's deploy and checks (the critical path) before starting")
	<-referenceChecked
}

// runs reports whether the go test -run and -skip flags select the
// top-level test name.
func runs(name string) bool {
	match := func(flagName string, empty bool) bool {
		f := flag.Lookup(flagName)
		if f == nil || f.Value.String() == "" {
			return empty
		}
		first := strings.Split(f.Value.String(), "/")[0]
		re, err := regexp.Compile(first)
		return err != nil || re.MatchString(name)
	}
	return match("test.run", true) && !match("test.skip", false)
}
