package stacks

import (
	"fmt"
	"strings"
	"testing"

	"github.com/multiregion-iac/multiregion/internal/validate"
)

func members(t *testing.T, src string) string {
	t.Helper()
	cfg, err := Parse([]byte(src))
	if err != nil {
		t.Fatal(err)
	}
	var parts []string
	for _, m := range cfg.DatabaseMembers() {
		s := fmt.Sprintf("%s=%s/g%d", m.Region, m.Role, m.Generation)
		if m.Source != "" {
			s += "<" + m.Source
		}
		if m.Retired {
			s += "/retired"
		}
		parts = append(parts, s)
	}
	return strings.Join(parts, " ")
}

func TestDatabaseDefaults(t *testing.T) {
	cfg, err := Parse([]byte(validYAML))
	if err != nil {
		t.Fatal(err)
	}
	d := cfg.Database
	if d.InstanceClass != "db.r6g.large" || d.EngineVersion != 16 || d.AllocatedStorage != 100 || d.MaxAllocatedStorage != 1000 ||
		d.MasterUsername != "dbadmin" || d.DatabaseName != "app" || d.BackupRetentionDays != 7 || d.MonitoringInterval != 60 ||
		d.ReplicaLagAlarmSeconds != 60 || d.DisableDeletionProtection || d.SkipFinalSnapshot || d.SingleAz {
		t.Errorf("database defaults: %+v", d)
	}
}

// TestDatabaseMembersThroughFailback walks the runbook's config states.
func TestDatabaseMembersThroughFailback(t *testing.T) {
	steps := []struct{ name, config, want string }{
		{"normal", "", "us-east-1=writer/g1 us-west-2=replica/g1<us-east-1"},
		{"1 failover", "activeRegion: us-west-2\ndatabase:\n  retired: [us-east-1]\n",
			"us-east-1=writer/g1/retired us-west-2=promoted/g1"},
		{"2 rebuild the old writer", "activeRegion: us-west-2\ndatabase:\n  generations: {us-east-1: 2}\n",
			"us-east-1=replica/g2<us-west-2 us-west-2=promoted/g1"},
		{"3 switch back", "activeRegion: us-east-1\ndatabase:\n  generations: {us-east-1: 2}\n  retired: [us-west-2]\n",
			"us-east-1=promoted/g2 us-west-2=promoted/g1/retired"},
		{"4 rebuild the old secondary", "activeRegion: us-east-1\ndatabase:\n  generations: {us-east-1: 2, us-west-2: 2}\n",
			"us-east-1=promoted/g2 us-west-2=replica/g2<us-east-1"},
	}
	for _, s := range steps {
		t.Run(s.name, func(t *testing.T) {
			if got := members(t, validYAML+s.config); got != s.want {
				t.Errorf("members:\n  got:  %s\n  want: %s", got, s.want)
			}
		})
	}
}

func TestDatabaseInvalid(t *testing.T) {
	cases := []struct {
		name, add string
		want      []string
	}{
		{"reserved username", "database:\n  masterUsername: admin\n",
			[]string{`database.masterUsername: "admin" is reserved by RDS for PostgreSQL; choose another name`}},
		{"rdsadmin", "database:\n  masterUsername: rdsadmin\n",
			[]string{`database.masterUsername: "rdsadmin" is reserved by RDS for PostgreSQL; choose another name`}},
		{"username shape", "database:\n  masterUsername: _x\n",
			[]string{`database.masterUsername: "_x" must be 1-16 letters, digits or underscores, starting with a letter`}},
		{"monitoring interval", "database:\n  monitoringInterval: 45\n",
			[]string{`database.monitoringInterval: must be 1, 5, 10, 15, 30 or 60 seconds, got 45`}},
		{"backup retention", "database:\n  backupRetentionDays: 40\n",
			[]string{`database.backupRetentionDays: must be 1-35 days (a replica's source needs backups), got 40`}},
		{"storage", "database:\n  allocatedStorage: 70000\n  maxAllocatedStorage: 70000\n",
			[]string{`database.allocatedStorage: must be 20-65536 GiB for gp3, got 70000`}},
		{"storage ceiling", "database:\n  allocatedStorage: 500\n  maxAllocatedStorage: 400\n",
			[]string{`database.maxAllocatedStorage: must be between the allocated storage (500) and 65536 GiB, got 400`}},
		{"instance class", "database:\n  instanceClass: large\n",
			[]string{`database.instanceClass: "large" is not an RDS instance class (db.<family>.<size>, for example db.r6g.large)`}},
		{"engine version", "database:\n  engineVersion: 15\n",
			[]string{`database.engineVersion: must be 16 or 17, got 15`}},
		{"open cidr", "database:\n  allowedCidrs: [0.0.0.0/0]\n",
			[]string{`database.allowedCidrs[0]: 0.0.0.0/0 opens the database to every address; list the application's networks`}},
		{"generation of unknown region", "database:\n  generations: {eu-west-1: 2, us-west-2: 0}\n",
			[]string{`database.generations.eu-west-1: "eu-west-1" is not one of the regions`, `database.generations.us-west-2: must be 1 or more, got 0`}},
		{"retired writer", "database:\n  retired: [us-east-1, us-west-9]\n",
			[]string{`database.retired[0]: "us-east-1" is the active region; the writer cannot be retired`, `database.retired[1]: "us-west-9" is not one of the regions`}},
		{"failover without retiring the first writer", "activeRegion: us-west-2\n",
			[]string{`database.retired: us-west-2 is active, so us-east-1's first instance (created as the writer) must be listed here: RDS cannot turn a writer into a replica. Later raise database.generations.us-east-1 to 2 to rebuild it as a replica (docs/runbook.md)`}},
		{"unknown key", "database:\n  password: hunter2\n",
			[]string{`database.password: unknown key (known keys: allocatedStorage, allowedCidrs, backupRetentionDays, backupWindow, databaseName, disableDeletionProtection, engineVersion, generations, instanceClass, maintenanceWindow, masterUsername, maxAllocatedStorage, monitoringInterval, replicaLagAlarmSeconds, retired, singleAz, skipFinalSnapshot)`}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := Parse([]byte(validYAML + c.add))
			if got := validate.Lines(err); strings.Join(got, "\n") != strings.Join(c.want, "\n") {
				t.Errorf("problems:\n  got:  %q\n  want: %q", got, c.want)
			}
		})
	}
}
