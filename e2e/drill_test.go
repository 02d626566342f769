package e2e

import (
	"os"
	"strings"
	"testing"

	"github.com/multiregion-iac/multiregion/internal/e2e"
	"github.com/multiregion-iac/multiregion/stacks"
)

// drillStep is one config state of docs/runbook.md and the stacks deployed
// to reach it, in order.
type drillStep struct {
	name     string
	active   string
	dbConfig string // lines added under database:, indented two spaces
	deploy   []string
}

// drilledSteps is how many runbook steps the drill runs: all of them, from
// the failover with the primary region down to the rebuilt secondary.
const drilledSteps = 5

// runbookSteps mirrors docs/runbook.md for a primary and one secondary.
func runbookSteps(primary, secondary string) []drillStep {
	return []drillStep{
		{"1 fail over (primary down)", secondary, "  retired: [" + primary + "]\n", []string{secondary}},
		{"2 fence the old writer (primary back)", secondary, "  retired: [" + primary + "]\n", []string{primary, stacks.GlobalStackName}},
		{"3 rebuild the old writer as a replica", secondary, "  generations: {" + primary + ": 2}\n", []string{primary}},
		{"4 switch back", primary, "  generations: {" + primary + ": 2}\n  retired: [" + secondary + "]\n", []string{primary, secondary, stacks.GlobalStackName}},
		{"5 rebuild the secondary as a replica", primary, "  generations: {" + primary + ": 2, " + secondary + ": 2}\n", []string{secondary}},
	}
}

// writeDrillConfig writes base with activeRegion and the database DR lines.
func writeDrillConfig(t *testing.T, path, base string, s drillStep) *stacks.Config {
	t.Helper()
	src := strings.Replace(base, "\ndatabase:\n", "\ndatabase:\n"+s.dbConfig, 1)
	if src == base {
		t.Fatal("the config has no database section")
	}
	src = "activeRegion: " + s.active + "\n" + src
	if err := os.WriteFile(path, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	// The file keeps ${MULTIREGION_ENDPOINT} for the CLI; the parsed copy
	// only needs the layout, so any URL does.
	cfg, err := stacks.Parse([]byte(strings.ReplaceAll(src, "${MULTIREGION_ENDPOINT}", "http://127.0.0.1:1")))
	if err != nil {
		t.Fatalf("step %s: %v", s.name, err)
	}
	return cfg
}

// runDrill fails the primary region over to the first secondary with the
// primary region down (every call signed for it refused by the outage
// proxy), then lifts the outage and runs the failback to the end, checking
// the instances after every step. It leaves cfgPath at the last state, so
// the reference test's destroy runs on it.
func runDrill(t *testing.T, p *e2e.Project, url, cfgPath string, cfg *stacks.Config) {
	t.Helper()
	raw, err := os.ReadFile(cfgPath)
	if err != nil {
		t.Fatal(err)
	}
	base := string(raw)
	primary, secondary := cfg.PrimaryRegion().Name, ""
	for _, r := range cfg.Regions {
		if r.Role == stacks.RoleSecondary {
			secondary = r.Name
			break
		}
	}
	outage := e2e.StartOutage(t, url)
	drill := *p
	drill.Env = append(append([]string(nil), p.Env...), "MULTIREGION_ENDPOINT="+outage.URL, "AWS_ENDPOINT_URL="+outage.URL)

	for i, s := range runbookSteps(primary, secondary)[:drilledSteps] {
		stepCfg := writeDrillConfig(t, cfgPath, base, s)
		if i == 0 {
			outage.Down(primary)
		}
		// One stack per run, in the runbook's order: cdktf would start
		// every named stack at once with --ignore-missing-stack-dependencies,
		// and the down region's stack must not be a dependency.
		for _, stack := range s.deploy {
			out, err := drill.TryCDKTF(t, "deploy", stack, "--auto-approve", "--ignore-missing-stack-dependencies")
			if err != nil {
				t.Fatalf("drill step %s: deploy %s failed: %v\nrefused by the outage: %v\n%s", s.name, stack, err, outage.Blocked(), lastLines(out, 60))
			}
		}
		if i == 0 {
			checkOutageDeploy(t, &drill, outage, secondary)
			outage.Up()
		}
		checkDatabase(t, p, url, stepCfg)
		for _, name := range s.deploy {
			if i > 0 { // step 1 was re-planned with the primary still down
				drill.AssertNoChanges(t, name)
			}
		}
		if t.Failed() {
			t.Fatalf("drill stopped after step %s", s.name)
		}
	}
}

// checkOutageDeploy: the promoted instance is standalone, a second plan is
// empty (still with the primary down), and nothing but reads reached the
// global services.
func checkOutageDeploy(t *testing.T, drill *e2e.Project, outage *e2e.Outage, secondary string) {
	t.Helper()
	drill.AssertNoChanges(t, secondary)
	if b := outage.Blocked(); len(b) > 0 {
		t.Errorf("the failover needed the down region: %v", b)
	}
	for _, call := range outage.GlobalCalls() {
		if !e2e.IsRead(call) {
			t.Errorf("the failover changed a global service during the outage: %s", call)
		}
	}
	t.Logf("failover with the primary down: %d global-service reads let through", len(outage.GlobalCalls()))
}

func lastLines(s string, n int) string {
	lines := strings.Split(s, "\n")
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return strings.Join(lines, "\n")
}
