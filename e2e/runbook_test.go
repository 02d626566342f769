package e2e

import (
	"strings"
	"testing"
)

// TestRunbookDrillBlocks: docs/runbook.md holds every block the drill runs,
// each with its outage and its config; each synthesizes first, and every
// block after an outage ends by re-planning every stack clean (fast: no
// emulator).
func TestRunbookDrillBlocks(t *testing.T) {
	preamble, blocks := readRunbook(t)
	for _, fn := range []string{"synth() {", "deploy() {", "clean() {", "-detailed-exitcode", "arc() {", "update-routing-control-states"} {
		if !strings.Contains(preamble, fn) {
			t.Errorf("preamble has no %q", fn)
		}
	}
	want := map[string]struct{ down, active, database, commands string }{
		"step 1":         {"us-east-1", "us-west-2", "  retired: [us-east-1]\n", "deploy us-west-2\nclean us-west-2"},
		"step 2":         {"", "", "", "deploy us-east-1 global\nclean iam us-east-1 us-west-2 peering-us-west-2-us-east-1 global"},
		"step 3":         {"", "us-west-2", "  generations: {us-east-1: 2}\n", "deploy us-east-1 global\nclean iam us-east-1 us-west-2 peering-us-west-2-us-east-1 global"},
		"step 4":         {"", "us-east-1", "  generations: {us-east-1: 2}\n  retired: [us-west-2]\n", "deploy us-east-1 us-west-2 global\nclean iam us-east-1 us-west-2 peering-us-west-2-us-east-1 global"},
		"step 5":         {"", "us-east-1", "  generations: {us-east-1: 2, us-west-2: 2}\n", "deploy us-west-2 global\nclean iam us-east-1 us-west-2 peering-us-west-2-us-east-1 global"},
		"secondary down": {"us-west-2", "", "", "deploy us-east-1\nclean iam us-east-1 global"},
		"rotate":         {"", "", "  generations: {us-east-1: 2, us-west-2: 2}\n  credentialsVersion: 2\n", "deploy us-east-1\nclean iam us-east-1 us-west-2 peering-us-west-2-us-east-1 global"},
		// Routing control: data-plane calls only, no config, no synth.
		"routing control set up":    {"", "", "", `terraform -chdir="$out/stacks/global" output -json routing_controls >arc-controls.json` + "\n" + `terraform -chdir="$out/stacks/global" output -json routing_control_cluster_endpoints >arc-endpoints.json` + "\n" + `arc "$primary=On" "$secondary=On"`},
		"routing control fail over": {"us-east-1", "", "", `arc "$primary=Off" "$secondary=On"`},
		"routing control fail back": {"", "", "", `arc "$primary=On"` + "\nclean global"},
	}
	for name, w := range want {
		b, ok := blocks[name]
		if !ok {
			t.Errorf("no drill block %q", name)
			continue
		}
		var cmds []string
		for _, l := range strings.Split(b.commands, "\n") {
			if l = strings.TrimSpace(strings.SplitN(l, "#", 2)[0]); l != "" {
				cmds = append(cmds, l)
			}
		}
		if !strings.HasPrefix(name, "routing control") {
			w.commands = "synth\n" + w.commands
		}
		if got := strings.Join(cmds, "\n"); got != w.commands {
			t.Errorf("%s: commands\n%s\nwant\n%s", name, got, w.commands)
		}
		if b.down != w.down || b.config["activeRegion"] != w.active || b.config["database"] != w.database {
			t.Errorf("%s: down %q, activeRegion %q, database %q; want %q, %q, %q", name, b.down, b.config["activeRegion"], b.config["database"], w.down, w.active, w.database)
		}
	}
	// After a step, every stack that can be planned is: all of them, less
	// those that need the downed region (IAM and Route 53 are us-east-1's;
	// a peering needs both of its regions).
	all := []string{"iam", "us-east-1", "us-west-2", "peering-us-west-2-us-east-1", "global"}
	reachable := map[string][]string{"": all, "us-east-1": {"us-west-2"}, "us-west-2": {"iam", "us-east-1", "global"}}
	for name, b := range blocks {
		if strings.HasPrefix(name, "routing control") {
			continue
		}
		var cleaned []string
		for _, l := range strings.Split(b.commands, "\n") {
			if f := strings.Fields(strings.SplitN(l, "#", 2)[0]); len(f) > 0 && f[0] == "clean" {
				cleaned = f[1:]
			}
		}
		if got, want := strings.Join(cleaned, " "), strings.Join(reachable[b.down], " "); got != want {
			t.Errorf("%s (down: %q) ends with clean %s, want every reachable stack: %s", name, b.down, got, want)
		}
	}
	if len(blocks) != len(want) {
		t.Errorf("%d drill blocks, want %d", len(blocks), len(want))
	}
}

// TestRunbookAuroraBlocks: the Aurora global database section holds every
// block the consumer's Aurora drill runs (runAuroraDrill), with its outage,
// its activeRegion and its commands, each ending by re-planning every
// stack the outage leaves reachable (fast: no emulator).
func TestRunbookAuroraBlocks(t *testing.T) {
	preamble, _ := readRunbook(t)
	for _, fn := range []string{"aurora() {", "-global-cluster", "describe-global-clusters", "--allow-data-loss"} {
		if !strings.Contains(preamble, fn) {
			t.Errorf("preamble has no %q", fn)
		}
	}
	all := `clean iam "$primary" "$secondary" "peering-$secondary-$primary" global`
	want := map[string]struct{ down, active, commands string }{
		"switchover":       {"", "us-west-2", "aurora switchover \"$secondary\"\nsynth\ndeploy \"$primary\" \"$secondary\" global\n" + all},
		"switch back":      {"", "us-east-1", "aurora switchover \"$primary\"\nsynth\ndeploy \"$primary\" \"$secondary\" global\n" + all},
		"failover":         {"$primary", "us-west-2", "aurora failover \"$secondary\"\nsynth\ndeploy \"$secondary\"\nclean \"$secondary\""},
		"old primary back": {"", "", "synth\ndeploy \"$primary\" global\n" + all},
	}
	blocks := readRunbookBlocks(t, "aurora drill")
	for name, w := range want {
		b, ok := blocks[name]
		if !ok {
			t.Errorf("no Aurora drill block %q", name)
			continue
		}
		var cmds []string
		for _, l := range strings.Split(b.commands, "\n") {
			if l = strings.TrimSpace(strings.SplitN(l, "#", 2)[0]); l != "" {
				cmds = append(cmds, l)
			}
		}
		if got := strings.Join(cmds, "\n"); got != w.commands {
			t.Errorf("%s: commands\n%s\nwant\n%s", name, got, w.commands)
		}
		if b.down != w.down || b.config["activeRegion"] != w.active {
			t.Errorf("%s: down %q, activeRegion %q; want %q, %q", name, b.down, b.config["activeRegion"], w.down, w.active)
		}
	}
	if len(blocks) != len(want) {
		t.Errorf("%d Aurora drill blocks, want %d", len(blocks), len(want))
	}
	for _, name := range auroraDrill {
		if _, ok := want[name]; !ok {
			t.Errorf("the drill runs %q, which this test does not check", name)
		}
	}
}
