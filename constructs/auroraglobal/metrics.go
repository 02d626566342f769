package auroraglobal

import (
	"fmt"
	"time"

	"github.com/aws/jsii-runtime-go"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/cloudwatchmetricalarm"

	"github.com/multiregion-iac/multiregion/constructs/monitoring"
)

// metric is one of the cluster's CloudWatch metrics (AWS/RDS, by
// DBClusterIdentifier: over every instance of the cluster), in the shared
// vocabulary alarms and dashboards take. It lives in the cluster's region.
func (c *Cluster) metric(name, stat string, period time.Duration) monitoring.Metric {
	return monitoring.Metric{
		Region:        c.Props.Region,
		Namespace:     "AWS/RDS",
		Name:          name,
		Dimensions:    map[string]string{"DBClusterIdentifier": c.Identifier},
		Statistic:     stat,
		PeriodSeconds: int(period / time.Second),
	}
}

// lagMetric is a global-database lag metric of a secondary, which Aurora
// publishes per source region.
func (c *Cluster) lagMetric(name string) monitoring.Metric {
	m := c.metric(name, "Maximum", time.Minute)
	m.Dimensions["SourceRegion"] = c.Props.WriterRegion
	return m
}

// MetricReplicationLag is AuroraGlobalDBReplicationLag in milliseconds: how
// far this secondary is behind the writer's region. A secondary only.
func (c *Cluster) MetricReplicationLag() monitoring.Metric {
	return c.lagMetric("AuroraGlobalDBReplicationLag")
}

// MetricRPOLag is AuroraGlobalDBRPOLag in milliseconds: the data a failover
// to this region would lose now. A secondary only.
func (c *Cluster) MetricRPOLag() monitoring.Metric { return c.lagMetric("AuroraGlobalDBRPOLag") }

// MetricCPUUtilization is the busiest instance's CPU use in percent.
func (c *Cluster) MetricCPUUtilization() monitoring.Metric {
	return c.metric("CPUUtilization", "Maximum", 5*time.Minute)
}

// MetricFreeLocalStorage is the smallest free local storage of an
// instance, in bytes.
func (c *Cluster) MetricFreeLocalStorage() monitoring.Metric {
	return c.metric("FreeLocalStorage", "Minimum", 5*time.Minute)
}

// MetricDatabaseConnections is the most connections of an instance.
func (c *Cluster) MetricDatabaseConnections() monitoring.Metric {
	return c.metric("DatabaseConnections", "Maximum", 5*time.Minute)
}

type alarm struct {
	id, what  string
	metric    monitoring.Metric
	op        string
	threshold float64
	periods   int
	missing   string
}

const (
	bytesPerConnection = 9531392 // PostgreSQL's max_connections divisor on RDS and Aurora
	maxConnectionsCap  = 5000
)

// addAlarms alarms in the cluster's region: instance health while it has
// instances, and replication from the writer's region on a secondary (no
// data is breaching there: a secondary that lost replication reports none).
func (c *Cluster) addAlarms() {
	a := c.Props.Alarms
	var alarms []alarm
	if *c.Props.Instances > 0 {
		gib := float64(1 << 30)
		maxConns := min(float64(a.InstanceMemoryGiB)*gib/bytesPerConnection, maxConnectionsCap)
		alarms = append(alarms,
			alarm{"cpu-alarm", fmt.Sprintf("an instance's CPU above %d%%", a.CPUPercent), c.MetricCPUUtilization(), "GreaterThanThreshold", float64(a.CPUPercent), 3, "missing"},
			alarm{"free-local-storage-alarm", fmt.Sprintf("an instance's free local storage below %d GiB", a.FreeLocalStorageGiB), c.MetricFreeLocalStorage(), "LessThanThreshold", float64(a.FreeLocalStorageGiB) * gib, 1, "missing"},
			alarm{"connections-alarm", fmt.Sprintf("an instance's connections above %d%% of max_connections (%d)", a.ConnectionsPercent, int(maxConns)), c.MetricDatabaseConnections(), "GreaterThanThreshold", float64(int(float64(a.ConnectionsPercent) / 100 * maxConns)), 3, "missing"})
	}
	if c.Secondary() {
		alarms = append(alarms,
			alarm{"replication-lag-alarm", fmt.Sprintf("replication from %s more than %s behind", c.Props.WriterRegion, a.ReplicationLag), c.MetricReplicationLag(), "GreaterThanThreshold", float64(a.ReplicationLag.Milliseconds()), 5, "breaching"},
			alarm{"rpo-lag-alarm", fmt.Sprintf("a failover here would lose more than %s", a.RPOLag), c.MetricRPOLag(), "GreaterThanThreshold", float64(a.RPOLag.Milliseconds()), 5, "breaching"})
	}
	for _, al := range alarms {
		c.addAlarm(al)
	}
}

func (c *Cluster) addAlarm(a alarm) {
	m := a.metric
	dims := map[string]*string{}
	for k, v := range m.Dimensions {
		dims[k] = jsii.String(v)
	}
	conf := &cloudwatchmetricalarm.CloudwatchMetricAlarmConfig{
		AlarmName:          jsii.String(c.Identifier + "-" + a.id[:len(a.id)-len("-alarm")]),
		AlarmDescription:   jsii.String(c.Identifier + ": " + a.what),
		Namespace:          jsii.String(m.Namespace),
		MetricName:         jsii.String(m.Name),
		Dimensions:         &dims,
		Statistic:          jsii.String(m.Statistic),
		Period:             jsii.Number(float64(m.PeriodSeconds)),
		EvaluationPeriods:  jsii.Number(float64(a.periods)),
		Threshold:          jsii.Number(a.threshold),
		ComparisonOperator: jsii.String(a.op),
		TreatMissingData:   jsii.String(a.missing),
	}
	if t := c.Props.AlarmTopicArn; t != nil {
		conf.AlarmActions = &[]*string{t}
		conf.OkActions = &[]*string{t}
	}
	c.AlarmList = append(c.AlarmList, cloudwatchmetricalarm.NewCloudwatchMetricAlarm(c.Construct, jsii.String(a.id), conf))
}
