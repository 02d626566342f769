package e2e

import (
	"context"
	"encoding/json"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/rds"
	"github.com/aws/aws-sdk-go-v2/service/secretsmanager"

	"github.com/multiregion-iac/multiregion/internal/e2e"
)

// auroraApp is what the Aurora drill needs of a deployment made with
// globalDatabase, DNS and Global Accelerator.
type auroraApp struct {
	app                string
	primary, secondary string // the origin (global cluster, master secret) and the other member
	instances          map[string]int
	activeRegionEnv    string // the variable the app reads Config.ActiveRegion from
	zoneName, fqdn     string
	accelerator        acceleratorWant // its dials are checked against activeRegion
}

func (a auroraApp) globalCluster() string { return a.app + "-global-db" }

// auroraDrill is the order the runbook's Aurora blocks run in: a planned
// switchover and back, a failover with the primary's region down, its
// return, and a switch back, which leaves the origin writing: the destroy
// deletes the secondary's stack first, and the global cluster with its
// last member.
var auroraDrill = []string{"switchover", "switch back", "failover", "old primary back", "switch back"}

// runAuroraDrill runs the runbook's Aurora blocks as written on a deployed
// app whose providers go through outage. The runbook's example regions
// (us-east-1, us-west-2) stand for $primary and $secondary, as it says;
// a block's activeRegion reaches the app through a.activeRegionEnv. After
// each block: the writer is activeRegion's member (RDS API), no state file
// or synthesized stack holds the password, and, once the block deployed
// global, DNS and the accelerator send traffic to activeRegion.
func runAuroraDrill(t *testing.T, p *e2e.Project, url string, outage *e2e.Outage, a auroraApp, stackNames []string, password string) {
	t.Helper()
	preamble, _ := readRunbook(t)
	blocks := readRunbookBlocks(t, "aurora drill")
	region := map[string]string{"us-east-1": a.primary, "us-west-2": a.secondary, "$primary": a.primary, "$secondary": a.secondary}
	d := &drill{t: t, p: p, outage: outage, preamble: preamble, dir: p.Dir}
	env := append(slices.Clone(p.Env), "CDKTF_OUT="+p.Out, "GLOBAL_DB="+a.globalCluster(), "PRIMARY="+a.primary, "SECONDARY="+a.secondary)
	active := a.primary
	for _, name := range auroraDrill {
		b, ok := blocks[name]
		if !ok {
			t.Fatalf("docs/runbook.md has no Aurora drill block %q", name)
		}
		if keys := slices.Collect(maps.Keys(b.config)); len(keys) > 1 || len(keys) == 1 && keys[0] != "activeRegion" {
			t.Fatalf("Aurora drill block %q sets %v: only activeRegion reaches a Go-configured app", name, keys)
		}
		if v, ok := b.config["activeRegion"]; ok {
			if active, ok = region[v]; !ok {
				t.Fatalf("Aurora drill block %q: activeRegion %q is neither of the runbook's example regions", name, v)
			}
		}
		d.env = append(slices.Clone(env), a.activeRegionEnv+"="+active)
		down := ""
		if b.down != "" {
			if down, ok = region[b.down]; !ok {
				t.Fatalf("Aurora drill block %q: %q down is neither region", name, b.down)
			}
		}
		outage.Down(down)
		out, err := d.shell(b.commands)
		blocked := outage.Blocked()
		outage.Up()
		if err != nil || len(blocked) > 0 {
			t.Fatalf("runbook %q failed: %v\nrequests refused by the outage of %q (%d): %v\n%s", name, err, down, len(blocked), blocked, lastLines(out, 60))
		}
		checkGlobalDatabase(t, url, a.globalCluster(), a.app, active, a.instances)
		checkNoPasswordInState(t, p, password, stackNames)
		if deploysGlobal(b.commands) {
			checkAnswer(t, url, a.zoneName, a.fqdn, a.app, active, "after "+name)
			acc := a.accelerator
			acc.dials = map[string]float32{a.primary: 0, a.secondary: 0}
			acc.dials[active] = 100
			checkAccelerator(t, url, acc)
		}
		if t.Failed() {
			t.Fatalf("Aurora drill stopped after %q", name)
		}
	}
}

// deploysGlobal: a line of commands deploys the global stack.
func deploysGlobal(commands string) bool {
	for _, l := range strings.Split(commands, "\n") {
		f := strings.Fields(strings.SplitN(l, "#", 2)[0])
		if len(f) > 1 && f[0] == "deploy" && slices.Contains(f[1:], "global") {
			return true
		}
	}
	return false
}

// checkGlobalDatabase: one global cluster with a member per region, the
// writer in writer's region, every member encrypted with IAM auth, the
// master user everywhere, and each region's instances.
func checkGlobalDatabase(t *testing.T, url, global, app, writer string, instances map[string]int) {
	t.Helper()
	ctx := context.Background()
	for region, n := range instances {
		c := rds.NewFromConfig(e2e.AWS(t, url, region))
		gc, err := c.DescribeGlobalClusters(ctx, &rds.DescribeGlobalClustersInput{GlobalClusterIdentifier: aws.String(global)})
		if err != nil || len(gc.GlobalClusters) != 1 {
			t.Fatalf("%s: DescribeGlobalClusters %s: %v", region, global, err)
		}
		id := app + "-db-" + region
		var member bool
		for _, m := range gc.GlobalClusters[0].GlobalClusterMembers {
			if strings.HasSuffix(aws.ToString(m.DBClusterArn), ":cluster:"+id) {
				member = true
				if w := aws.ToBool(m.IsWriter); w != (region == writer) {
					t.Errorf("%s: %s IsWriter %v, want %v (activeRegion %s)", region, id, w, region == writer, writer)
				}
			}
		}
		if !member || len(gc.GlobalClusters[0].GlobalClusterMembers) != len(instances) {
			t.Errorf("%s: global cluster members %d, %s a member: %v", region, len(gc.GlobalClusters[0].GlobalClusterMembers), id, member)
		}
		out, err := c.DescribeDBClusters(ctx, &rds.DescribeDBClustersInput{DBClusterIdentifier: aws.String(id)})
		if err != nil || len(out.DBClusters) != 1 {
			t.Fatalf("%s: DescribeDBClusters %s: %v", region, id, err)
		}
		cl := out.DBClusters[0]
		switch {
		case aws.ToString(cl.Engine) != "aurora-postgresql" || !aws.ToBool(cl.StorageEncrypted) || !aws.ToBool(cl.IAMDatabaseAuthenticationEnabled):
			t.Errorf("%s: %s engine %q, encrypted %v, IAM auth %v", region, id, aws.ToString(cl.Engine), aws.ToBool(cl.StorageEncrypted), aws.ToBool(cl.IAMDatabaseAuthenticationEnabled))
		case aws.ToString(cl.MasterUsername) != "dbadmin":
			t.Errorf("%s: %s master user %q, want the origin's dbadmin", region, id, aws.ToString(cl.MasterUsername))
		case len(cl.DBClusterMembers) != n:
			t.Errorf("%s: %s has %d instances, want %d", region, id, len(cl.DBClusterMembers), n)
		}
	}
}

// checkAuroraSecret reads the master secret (the origin's, in region) and
// returns the password.
func checkAuroraSecret(t *testing.T, url, region, app string) string {
	t.Helper()
	val, err := secretsmanager.NewFromConfig(e2e.AWS(t, url, region)).GetSecretValue(context.Background(),
		&secretsmanager.GetSecretValueInput{SecretId: aws.String(app + "/database/master")})
	if err != nil {
		t.Fatalf("master secret: %v", err)
	}
	var creds struct{ Username, Password, Engine string }
	if err := json.Unmarshal([]byte(aws.ToString(val.SecretString)), &creds); err != nil || creds.Username != "dbadmin" || len(creds.Password) != 32 {
		t.Fatalf("master secret: user %q, %d-character password (%v)", creds.Username, len(creds.Password), err)
	}
	return creds.Password
}

// checkNoPasswordInState: no state of stacks, and no synthesized stack,
// contains the password.
func checkNoPasswordInState(t *testing.T, p *e2e.Project, password string, stackNames []string) {
	t.Helper()
	for _, s := range stackNames {
		if strings.Contains(string(p.State(t, s)), password) {
			t.Errorf("%s: the master password is in the state", s)
		}
		if raw, err := os.ReadFile(filepath.Join(p.StackDir(s), "cdk.tf.json")); err != nil || strings.Contains(string(raw), password) {
			t.Errorf("%s: the synthesized stack holds the password or cannot be read (%v)", s, err)
		}
	}
}

// checkGlobalDatabaseGone: no global cluster, member cluster or instance of
// the app is left in regions.
func checkGlobalDatabaseGone(t *testing.T, url, global, app string, regions ...string) {
	t.Helper()
	ctx := context.Background()
	for _, region := range regions {
		c := rds.NewFromConfig(e2e.AWS(t, url, region))
		gc, err := c.DescribeGlobalClusters(ctx, &rds.DescribeGlobalClustersInput{})
		if err != nil {
			t.Fatal(err)
		}
		for _, g := range gc.GlobalClusters {
			if aws.ToString(g.GlobalClusterIdentifier) == global {
				t.Errorf("%s: global cluster %s left after destroy", region, global)
			}
		}
		cl, err := c.DescribeDBClusters(ctx, &rds.DescribeDBClustersInput{})
		if err != nil {
			t.Fatal(err)
		}
		for _, x := range cl.DBClusters {
			if strings.HasPrefix(aws.ToString(x.DBClusterIdentifier), app+"-") {
				t.Errorf("%s: cluster %s left after destroy", region, aws.ToString(x.DBClusterIdentifier))
			}
		}
	}
}
