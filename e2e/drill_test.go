package e2e

import (
	"context"
	"maps"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/rds"

	"github.com/multiregion-iac/multiregion/internal/e2e"
	"github.com/multiregion-iac/multiregion/internal/synthtest"
	"github.com/multiregion-iac/multiregion/stacks"
)

// runbookBlock is one block of docs/runbook.md marked for the drill: the
// config it sets (top-level YAML keys) and the shell commands it runs,
// with the region down while they run ("" for none).
type runbookBlock struct {
	name, down string
	config     map[string]string // top-level key -> its lines (a scalar's value, or a section's indented lines)
	commands   string
}

var (
	drillMarker = markerRe("drill")
	fence       = regexp.MustCompile("(?s)```(yaml|sh)\n(.*?)```")
	downSuffix  = regexp.MustCompile(`^(.*), (\S+) down$`)
)

// markerRe matches the runbook's "<!-- <kind>: name -->" markers.
func markerRe(kind string) *regexp.Regexp {
	return regexp.MustCompile(`(?m)^<!-- ` + regexp.QuoteMeta(kind) + `: (.+?) -->$`)
}

// readRunbook returns the runbook's preamble and its drill blocks by name.
func readRunbook(t *testing.T) (string, map[string]runbookBlock) {
	t.Helper()
	preamble, blocks := readBlocks(t, drillMarker)
	if preamble == "" {
		t.Fatal("the runbook has no drill preamble")
	}
	return preamble, blocks
}

// readRunbookBlocks returns the blocks marked "<!-- <kind>: ... -->"
// (the Aurora section's: "aurora drill"), which share the preamble.
func readRunbookBlocks(t *testing.T, kind string) map[string]runbookBlock {
	t.Helper()
	_, blocks := readBlocks(t, markerRe(kind))
	return blocks
}

func readBlocks(t *testing.T, marker *regexp.Regexp) (string, map[string]runbookBlock) {
	t.Helper()
	raw, err := os.ReadFile(filepath.Join(synthtest.RepoRoot(t), "docs", "runbook.md"))
	if err != nil {
		t.Fatal(err)
	}
	doc := string(raw)
	marks := marker.FindAllStringSubmatchIndex(doc, -1)
	preamble, blocks := "", map[string]runbookBlock{}
	for i, m := range marks {
		end := len(doc)
		if i+1 < len(marks) {
			end = marks[i+1][0]
		}
		if h := strings.Index(doc[m[1]:end], "\n## "); h >= 0 {
			end = m[1] + h
		}
		b := runbookBlock{name: doc[m[2]:m[3]], config: map[string]string{}}
		if d := downSuffix.FindStringSubmatch(b.name); d != nil {
			b.name, b.down = d[1], d[2]
		}
		for _, f := range fence.FindAllStringSubmatch(doc[m[1]:end], -1) {
			switch {
			case f[1] == "yaml" && len(b.config) == 0:
				b.config = yamlKeys(f[2])
			case f[1] == "sh" && b.commands == "":
				b.commands = f[2]
			}
		}
		if b.commands == "" {
			t.Fatalf("runbook block %q has no sh block", b.name)
		}
		if b.name == "preamble" {
			preamble = b.commands
			continue
		}
		blocks[b.name] = b
	}
	return preamble, blocks
}

// yamlKeys splits a YAML snippet into its top-level keys: a scalar's value
// ("activeRegion: us-west-2") or a section's indented lines.
func yamlKeys(src string) map[string]string {
	out := map[string]string{}
	key := ""
	for _, line := range strings.Split(src, "\n") {
		switch {
		case strings.TrimSpace(line) == "":
		case strings.HasPrefix(line, "  "):
			out[key] += strings.SplitN(line, "   #", 2)[0] + "\n"
		default:
			k, v, _ := strings.Cut(line, ":")
			key = k
			out[key] = strings.TrimSpace(strings.SplitN(v, "#", 2)[0])
		}
	}
	return out
}

// drill runs runbook blocks against one deployment of the reference app.
type drill struct {
	t        *testing.T
	p        *e2e.Project
	url      string
	outage   *e2e.Outage
	env      []string
	cfgPath  string
	base     string            // the reference config, production-like
	state    map[string]string // the config keys the blocks have set so far
	preamble string
	dir      string // the commands' working directory; default: the repository
	// whileDown checks the deployment while a block's region is still down.
	whileDown func(down string)
}

// config writes the current config state over base and returns it parsed.
func (d *drill) config(extra map[string]string) *stacks.Config {
	d.t.Helper()
	src := d.base
	set := merge(d.state, extra)
	for _, k := range slices.Sorted(maps.Keys(set)) {
		v := set[k]
		if strings.HasSuffix(v, "\n") { // a section: its lines go under the base's
			head := "\n" + k + ":\n"
			if !strings.Contains(src, head) {
				d.t.Fatalf("the config has no %s section", k)
			}
			src = strings.Replace(src, head, head+v, 1)
			continue
		}
		src = k + ": " + v + "\n" + src
	}
	if err := os.WriteFile(d.cfgPath, []byte(src), 0o644); err != nil {
		d.t.Fatal(err)
	}
	// The file keeps ${MULTIREGION_ENDPOINT} for the CLI; the parsed copy
	// only needs the layout, so any URL does.
	cfg, err := stacks.Parse([]byte(strings.ReplaceAll(src, "${MULTIREGION_ENDPOINT}", "http://127.0.0.1:1")))
	if err != nil {
		d.t.Fatalf("drill config: %v", err)
	}
	return cfg
}

func merge(a, b map[string]string) map[string]string {
	out := maps.Clone(a)
	maps.Copy(out, b)
	return out
}

// shell runs commands after the runbook's preamble, as a user would in the
// repository, and returns the output and the error.
func (d *drill) shell(commands string) (string, error) {
	cmd := d.p.Priority.Command(context.Background(), "bash", "-c", "set -e\n"+d.preamble+"\n"+commands)
	cmd.Dir = d.p.Root
	if d.dir != "" {
		cmd.Dir = d.dir
	}
	cmd.Env = d.env
	start := time.Now()
	out, err := cmd.CombinedOutput()
	d.t.Logf("runbook commands (%s):\n%s", time.Since(start).Round(time.Second), strings.TrimSpace(commands))
	e2e.SaveLog(d.t, "runbook "+strings.TrimSpace(commands), string(out))
	return string(out), err
}

// run applies block b: its config, its commands under its outage. It fails
// the test on a refused request, a failed command or a pending change.
func (d *drill) run(b runbookBlock) *stacks.Config {
	d.t.Helper()
	maps.Copy(d.state, b.config)
	cfg := d.config(nil)
	if b.down != "" {
		d.outage.Down(b.down)
		defer d.outage.Up()
	}
	out, err := d.shell(b.commands)
	blocked := d.outage.Blocked()
	if b.down != "" && err == nil && len(blocked) == 0 && d.whileDown != nil {
		d.whileDown(b.down)
	}
	if err != nil || len(blocked) > 0 {
		d.t.Fatalf("runbook %q failed: %v\nrequests refused by the outage of %q (%d): %v\n%s", b.name, err, b.down, len(blocked), blocked, lastLines(out, 60))
	}
	return cfg
}

// runDrill runs the runbook on the deployed reference app: the secondary's
// outage first (the primary deploys and the global stack plans; the
// us-west-2 stack's share of that change goes out with step 1's deploy,
// as the runbook's "secondary back" deploy would), then the five failover
// and failback steps, with us-east-1 (the primary) down during step 1 —
// IAM and Route 53 down with it. After every block each
// stack it names re-plans clean; the database is checked through the RDS
// API after each step. It ends with deletion protection off, so the
// reference test's destroy can delete the instances.
func runDrill(t *testing.T, p *e2e.Project, url, cfgPath, base string, cfg *stacks.Config) {
	t.Helper()
	preamble, blocks := readRunbook(t)
	primary, secondary := cfg.PrimaryRegion().Name, cfg.Regions[1].Name
	if primary != "us-east-1" || secondary != "us-west-2" {
		t.Fatalf("the runbook's example is us-east-1 and us-west-2; the config has %s and %s", primary, secondary)
	}
	outage := e2e.StartOutage(t, url)
	d := &drill{t: t, p: p, url: url, outage: outage, cfgPath: cfgPath, base: base, state: map[string]string{}, preamble: preamble}
	d.whileDown = d.checkDNSWhileDown
	d.env = append(append([]string(nil), p.Env...), "MULTIREGION_ENDPOINT="+outage.URL, "AWS_ENDPOINT_URL="+outage.URL,
		"CDKTF_OUT="+p.Out, "MULTIREGION_CONFIG="+cfgPath)

	d.checkCleanCatchesStaleStacks()
	password, secret := "", 0.0
	var stepCfg *stacks.Config
	for _, name := range []string{"secondary down", "step 1", "step 2", "step 3", "step 4", "step 5", "rotate"} {
		b, ok := blocks[name]
		if !ok {
			t.Fatalf("docs/runbook.md has no drill block %q", name)
		}
		stepCfg = d.run(b)
		checkDatabase(t, p, url, stepCfg)
		switch name {
		case "step 2": // the new writer's backups go to the old primary's region, back up
			checkBackupReplication(t, url, stepCfg)
		case "step 5":
			password = checkSecret(t, url, stepCfg)
			_, secret = writeOnlyVersions(t, p, stepCfg)
		case "rotate":
			checkRotated(t, p, url, stepCfg, password, secret)
		}
		switch name { // the PRIMARY record follows activeRegion once global is deployed
		case "step 2":
			checkAnswer(t, url, "shop.example.internal", "api.shop.example.internal", "shop", secondary, "after step 2")
		case "step 4":
			checkAnswer(t, url, "shop.example.internal", "api.shop.example.internal", "shop", primary, "after step 4")
		}
		switch name {
		case "step 3":
			checkFinalSnapshot(t, url, primary, "shop-db-us-east-1-g1")
		case "step 5":
			checkFinalSnapshot(t, url, secondary, "shop-db-us-west-2-g1")
		}
		if t.Failed() {
			t.Fatalf("drill stopped after %q", name)
		}
	}
	unprotect(t, url, stepCfg)
}

// checkDNSWhileDown: with a region down, its Route 53 health check fails
// and the failover record answers with the other region's NLB (Route 53's
// data plane: asked of the emulator directly, not through the outage).
func (d *drill) checkDNSWhileDown(down string) {
	d.t.Helper()
	up := map[string]string{"us-east-1": "us-west-2", "us-west-2": "us-east-1"}[down]
	checkHealthCheckFails(d.t, d.url, "api-"+down)
	checkAnswer(d.t, d.url, "shop.example.internal", "api.shop.example.internal", "shop", up, down+" down")
}

// unprotect turns deletion protection off on every instance of the app
// through the RDS API, as an operator decommissioning the environment
// would, so the destroy can delete them (each with its final snapshot, as
// the production-like config asks). The drill ends with it (a deploy of
// both regions would do the same at the cost of two more RDS waits), and
// so does the cleanup of a run that stopped at any step.
func unprotect(t *testing.T, url string, cfg *stacks.Config) {
	t.Helper()
	for _, r := range cfg.Regions {
		c := rds.NewFromConfig(e2e.AWS(t, url, r.Name))
		out, err := c.DescribeDBInstances(context.Background(), &rds.DescribeDBInstancesInput{})
		if err != nil {
			t.Errorf("%s: listing the instances to unprotect: %v", r.Name, err)
			continue
		}
		for _, db := range out.DBInstances {
			id := aws.ToString(db.DBInstanceIdentifier)
			if !strings.HasPrefix(id, cfg.App+"-") || !aws.ToBool(db.DeletionProtection) {
				continue
			}
			if _, err := c.ModifyDBInstance(context.Background(), &rds.ModifyDBInstanceInput{
				DBInstanceIdentifier: db.DBInstanceIdentifier, DeletionProtection: aws.Bool(false), ApplyImmediately: aws.Bool(true),
			}); err != nil {
				t.Errorf("%s: turning deletion protection off on %s: %v", r.Name, id, err)
			}
		}
	}
}

// checkCleanCatchesStaleStacks: the runbook's clean fails on a stack with
// a pending change (a config edit not deployed), naming it. (That it passes
// without one, every block after this shows.)
func (d *drill) checkCleanCatchesStaleStacks() {
	d.t.Helper()
	d.config(map[string]string{"observability": "  tgwDropThresholdPackets: 7\n"})
	out, err := d.shell("synth\nclean us-east-1")
	if err == nil || !strings.Contains(out, "clean: us-east-1 has pending changes") {
		d.t.Fatalf("clean passed a stale stack: %v\n%s", err, lastLines(out, 20))
	}
	d.config(nil)
}

// checkRotated: the rotation gave the secret a new password, and the
// writer's password_wo_version and the secret value's version moved
// together to (credentialsVersion-1)*1000 + the writer's generation.
func checkRotated(t *testing.T, p *e2e.Project, url string, cfg *stacks.Config, before string, beforeVersion float64) {
	t.Helper()
	after := checkSecret(t, url, cfg)
	if after == "" || after == before {
		t.Errorf("the rotation left the secret's password unchanged")
	}
	var writer stacks.DatabaseMember
	for _, m := range cfg.DatabaseMembers() {
		if m.Region == cfg.ActiveRegion {
			writer = m
		}
	}
	want := float64((cfg.Database.CredentialsVersion-1)*1000 + writer.Generation)
	password, secret := writeOnlyVersions(t, p, cfg)
	if password != want || secret != want || secret == beforeVersion {
		t.Errorf("after the rotation: password_wo_version %v, secret_string_wo_version %v (was %v), want both %v", password, secret, beforeVersion, want)
	}
}

// checkFinalSnapshot: deleting the replaced instance left its final
// snapshot (<identifier>-final), taken of that instance.
func checkFinalSnapshot(t *testing.T, url, region, instance string) {
	t.Helper()
	id := instance + "-final"
	out, err := rds.NewFromConfig(e2e.AWS(t, url, region)).DescribeDBSnapshots(context.Background(), &rds.DescribeDBSnapshotsInput{DBSnapshotIdentifier: aws.String(id)})
	if err != nil || len(out.DBSnapshots) != 1 {
		t.Errorf("%s: final snapshot %s: %v", region, id, err)
		return
	}
	if got := aws.ToString(out.DBSnapshots[0].DBInstanceIdentifier); got != instance {
		t.Errorf("%s: final snapshot %s is of %s, want %s", region, id, got, instance)
	}
	if describeDB(t, url, region, instance) != nil {
		t.Errorf("%s: %s still exists after its replacement", region, instance)
	}
}

func lastLines(s string, n int) string {
	lines := strings.Split(s, "\n")
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return strings.Join(lines, "\n")
}
