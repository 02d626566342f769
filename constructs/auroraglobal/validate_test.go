package auroraglobal

import (
	"strings"
	"testing"
	"time"

	"github.com/aws/jsii-runtime-go"
	"github.com/hashicorp/terraform-cdk-go/cdktf"

	"github.com/multiregion-iac/multiregion/internal/validate"
)

func validProps() Props {
	p := memberProps("us-east-1", "us-east-1", "10.10.0.0/18")
	p.GlobalClusterIdentifier, p.Origin = jsii.String("shop-global"), true
	return p
}

func TestValidateRejects(t *testing.T) {
	zero, neg, twenty := 0, -1, 20
	cases := []struct {
		name  string
		edit  func(*Props)
		field string
		want  string
	}{
		{"no global cluster", func(p *Props) { p.GlobalClusterIdentifier = nil }, "GlobalClusterIdentifier", "is required"},
		{"bad global identifier", func(p *Props) { p.GlobalClusterIdentifier = jsii.String("Shop_Global") }, "GlobalClusterIdentifier", "lowercase letters"},
		{"no writer region", func(p *Props) { p.WriterRegion = "" }, "WriterRegion", "is required"},
		{"unknown writer region", func(p *Props) { p.WriterRegion = "us-east-9" }, "WriterRegion", "not an AWS region"},
		{"version without global support", func(p *Props) { p.EngineVersion = "16.0" }, "EngineVersion", "need 16.1 or later"},
		{"old major", func(p *Props) { p.EngineVersion = "13.9" }, "EngineVersion", "no global database support"},
		{"major only", func(p *Props) { p.EngineVersion = "16" }, "EngineVersion", "<major>.<minor>"},
		{"burstable class", func(p *Props) { p.InstanceClass = "db.t4g.medium" }, "InstanceClass", "burstable"},
		{"general-purpose class", func(p *Props) { p.InstanceClass = "db.m6g.large" }, "InstanceClass", "global databases run on"},
		{"serverless", func(p *Props) { p.InstanceClass = "db.serverless" }, "InstanceClass", "Serverless v2"},
		{"headless writer", func(p *Props) { p.Instances = &zero }, "Instances", "writer needs at least one instance"},
		{"negative instances", func(p *Props) { p.Instances = &neg }, "Instances", "must be 0-15"},
		{"too many instances", func(p *Props) { p.Instances = &twenty }, "Instances", "must be 0-15"},
		{"reserved user", func(p *Props) { p.MasterUsername = "rdsadmin" }, "MasterUsername", "reserved"},
		{"bad database name", func(p *Props) { p.DatabaseName = "1app" }, "DatabaseName", "starting with a letter"},
		{"secret replica in own region", func(p *Props) { p.SecretReplicaRegions = []string{"us-east-1"} }, "SecretReplicaRegions[0]", "another region"},
		{"secret replicas off the origin", func(p *Props) { p.Origin, p.SecretReplicaRegions = false, []string{"us-west-2"} }, "SecretReplicaRegions", "Origin"},
		{"log type", func(p *Props) { p.LogExports = []string{"upgrade"} }, "LogExports[0]", "only \"postgresql\""},
		{"no monitoring role", func(p *Props) { p.MonitoringRoleArn = nil }, "MonitoringRoleArn", "is required"},
		{"bad monitoring role", func(p *Props) { p.MonitoringRoleArn = jsii.String("monitoring") }, "MonitoringRoleArn", "not an IAM role ARN"},
		{"open to the world", func(p *Props) { p.AllowedCidrs = []string{"0.0.0.0/0"} }, "AllowedCidrs[0]", "every address"},
		{"no access", func(p *Props) { p.AllowedCidrs = nil }, "AllowedCidrs", "give AllowedCidrs"},
		{"long name", func(p *Props) { p.Name = strings.Repeat("a", 41) }, "Name", "1-40"},
		{"backup retention", func(p *Props) { p.BackupRetentionDays = &zero }, "BackupRetentionDays", "1-35"},
		{"negative lag", func(p *Props) { p.Alarms.ReplicationLag = -time.Second }, "Alarms.ReplicationLag", "negative"},
		{"unknown memory", func(p *Props) { p.InstanceClass = "db.x2g.large" }, "Alarms.InstanceMemoryGiB", "is required"},
		{"PI retention", func(p *Props) { p.PerformanceInsightsRetentionDays = 30 }, "PerformanceInsightsRetentionDays", "multiple of 31"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			p := validProps()
			c.edit(&p)
			probs := validate.New("app/us-east-1/database")
			p.withDefaults("database").validate(probs)
			items := validate.Items(probs.Err())
			for _, it := range items {
				if it.Field == c.field && strings.Contains(it.Message, c.want) {
					return
				}
			}
			t.Errorf("want a problem on %s containing %q, got %v", c.field, c.want, items)
		})
	}
}

func TestValidateAcceptsDefaults(t *testing.T) {
	for _, p := range []Props{validProps(), memberProps("us-west-2", "us-east-1", "10.20.0.0/18")} {
		if p.GlobalClusterIdentifier == nil {
			p.GlobalClusterIdentifier = jsii.String("shop-global")
		}
		probs := validate.New("x")
		p.withDefaults("database").validate(probs)
		if err := probs.Err(); err != nil {
			t.Errorf("%s: %v", p.Region, err)
		}
	}
}

func TestNewReportsPathAndAllProblems(t *testing.T) {
	app := cdktf.NewApp(nil)
	p := memberProps("us-west-2", "us-east-1", "0.0.0.0/0")
	p.InstanceClass = "db.t4g.medium"
	_, err := New(regionStack(app, "us-west-2"), "database", p)
	got := validate.Lines(err)
	if len(got) != 3 {
		t.Fatalf("want 3 problems (global cluster, CIDR, class), got %q", got)
	}
	for _, line := range got {
		if !strings.HasPrefix(line, "us-west-2/database: ") {
			t.Errorf("%q does not name the construct path", line)
		}
	}
}

func TestGlobalValidation(t *testing.T) {
	probs := validate.New("x")
	GlobalProps{Name: "Bad_Name", EngineVersion: "15.1"}.validate(probs)
	got := strings.Join(probs.List(), "\n")
	for _, want := range []string{"Name", "need 15.2 or later"} {
		if !strings.Contains(got, want) {
			t.Errorf("global problems %q lack %q", got, want)
		}
	}
}
