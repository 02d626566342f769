package e2e

import (
	"strings"
	"testing"

	"github.com/multiregion-iac/multiregion/internal/e2e"
)

// arcApp is what the routing-control drill needs of a deployment made
// with dns.routingControl on.
type arcApp struct {
	app, zoneName, fqdn string
	primary, secondary  string // the regions behind the PRIMARY and SECONDARY records
}

// runRoutingControlDrill runs the runbook's routing-control blocks, as
// written, on a deployment whose providers went through outage (so the
// cluster's endpoints point at the proxy): set up (every control on, the
// record answers with the primary), the safety rule refusing to turn
// every region off, the failover with us-east-1 down (the first cluster
// endpoint refuses, the next one flips the controls, the record answers
// with the secondary), and the fail-back, after which the global stack
// plans no change.
func runRoutingControlDrill(t *testing.T, p *e2e.Project, emulator string, outage *e2e.Outage, a arcApp) {
	t.Helper()
	preamble, blocks := readRunbook(t)
	// The blocks call no cdktf command: they run where an operator keeps
	// arc-controls.json and arc-endpoints.json.
	d := &drill{t: t, p: p, outage: outage, preamble: preamble, dir: t.TempDir()}
	d.env = append(append([]string(nil), p.Env...), "CDKTF_OUT="+p.Out, "PRIMARY="+a.primary, "SECONDARY="+a.secondary)
	// run runs a block under its outage; it returns the output and the
	// calls the outage refused.
	run := func(name string) (string, []string) {
		t.Helper()
		b, ok := blocks[name]
		if !ok {
			t.Fatalf("docs/runbook.md has no drill block %q", name)
		}
		outage.Down(b.down) // "": every region up
		out, err := d.shell(b.commands)
		blocked := outage.Blocked()
		outage.Up()
		if err != nil {
			t.Fatalf("runbook %q failed: %v\nrefused by the outage of %q: %v\n%s", name, err, b.down, blocked, lastLines(out, 40))
		}
		return out, blocked
	}
	answer := func(region, when string) {
		t.Helper()
		checkAnswer(t, emulator, a.zoneName, a.fqdn, a.app, region, when)
	}

	if _, blocked := run("routing control set up"); len(blocked) > 0 {
		t.Fatalf("refused with every region up: %v", blocked)
	}
	answer(a.primary, "every control on")

	out, err := d.shell(`arc "$primary=Off" "$secondary=Off"`)
	if err == nil {
		t.Fatalf("the safety rule let every routing control go off:\n%s", out)
	}
	if n := strings.Count(out, "arc: "); n != 1 {
		t.Errorf("a refused change tried %d endpoints, want 1 (the cluster's refusal is final):\n%s", n, out)
	}
	answer(a.primary, "after the refused change")

	out, blocked := run("routing control fail over")
	if len(blocked) != 1 || !strings.HasPrefix(blocked[0], "route53-recovery-cluster us-east-1 ") {
		t.Errorf("with us-east-1 down the flip should be refused once, by the us-east-1 endpoint; refused: %v\n%s", blocked, out)
	}
	if !strings.Contains(out, "(through us-west-2)") {
		t.Errorf("the flip did not go through the next endpoint (us-west-2):\n%s", out)
	}
	answer(a.secondary, "primary's control off")

	run("routing control fail back") // its clean: global plans no change
	answer(a.primary, "primary's control on again")
}
