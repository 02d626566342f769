package replicatedpostgres

import (
	"fmt"
	"sort"
	"time"

	"github.com/aws/jsii-runtime-go"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/cloudwatchmetricalarm"
)

// Metric describes a CloudWatch metric of the instance in plain Go, so the
// monitoring and dashboard code can build alarms and widgets from it
// without knowing RDS's naming. Region is where the metric lives: an alarm
// on it must be created in that region's stack.
type Metric struct {
	Region     string
	Namespace  string
	MetricName string
	Dimensions map[string]string
	// Statistic is the recommended statistic ("Maximum", "Average", ...).
	Statistic string
	// Period is the recommended aggregation period.
	Period time.Duration
	// Unit is CloudWatch's unit of the metric ("Seconds", "Bytes", "Percent").
	Unit string
}

// DashboardMetric renders the metric as one entry of a CloudWatch dashboard
// widget's "metrics" array: namespace, name, dimension pairs (sorted), then
// the rendering options.
func (m Metric) DashboardMetric() []any {
	out := []any{m.Namespace, m.MetricName}
	keys := make([]string, 0, len(m.Dimensions))
	for k := range m.Dimensions {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		out = append(out, k, m.Dimensions[k])
	}
	return append(out, map[string]any{"region": m.Region, "stat": m.Statistic, "period": int(m.Period / time.Second)})
}

func (pg *Postgres) metric(name, stat, unit string, period time.Duration) Metric {
	return Metric{
		Region:     pg.Props.Region,
		Namespace:  "AWS/RDS",
		MetricName: name,
		Dimensions: map[string]string{"DBInstanceIdentifier": pg.Identifier},
		Statistic:  stat,
		Period:     period,
		Unit:       unit,
	}
}

// MetricReplicaLag is how far the replica is behind its source, in
// seconds. Only a replica reports it.
func (pg *Postgres) MetricReplicaLag() Metric {
	return pg.metric("ReplicaLag", "Maximum", "Seconds", time.Minute)
}

// MetricFreeStorageSpace is the free storage in bytes (watch it against
// MaxAllocatedStorage: autoscaling stops there).
func (pg *Postgres) MetricFreeStorageSpace() Metric {
	return pg.metric("FreeStorageSpace", "Minimum", "Bytes", 5*time.Minute)
}

// MetricCPUUtilization is the instance's CPU use in percent.
func (pg *Postgres) MetricCPUUtilization() Metric {
	return pg.metric("CPUUtilization", "Average", "Percent", time.Minute)
}

// addReplicaLagAlarm alarms in the replica's own region (where the metric
// lives) when the lag stays above the threshold for five minutes, or when
// the replica stops reporting it (missing data is breaching: a replica that
// lost its source reports nothing).
func (pg *Postgres) addReplicaLagAlarm() {
	m := pg.MetricReplicaLag()
	conf := &cloudwatchmetricalarm.CloudwatchMetricAlarmConfig{
		AlarmName:          jsii.String(pg.Identifier + "-replica-lag"),
		AlarmDescription:   jsii.String(fmt.Sprintf("%s is more than %s behind its source in %s", pg.Identifier, pg.Props.ReplicaLagThreshold, pg.Props.SourceRegion)),
		Namespace:          jsii.String(m.Namespace),
		MetricName:         jsii.String(m.MetricName),
		Dimensions:         &map[string]*string{"DBInstanceIdentifier": jsii.String(pg.Identifier)},
		Statistic:          jsii.String(m.Statistic),
		Period:             jsii.Number(m.Period.Seconds()),
		EvaluationPeriods:  jsii.Number(5),
		Threshold:          jsii.Number(pg.Props.ReplicaLagThreshold.Seconds()),
		ComparisonOperator: jsii.String("GreaterThanThreshold"),
		TreatMissingData:   jsii.String("breaching"),
		Count:              pg.sourceGate(),
	}
	if t := pg.Props.AlarmTopicArn; t != nil {
		conf.AlarmActions = &[]*string{t}
		conf.OkActions = &[]*string{t}
	}
	pg.ReplicaLagAlarm = cloudwatchmetricalarm.NewCloudwatchMetricAlarm(pg.Construct, jsii.String("replica-lag-alarm"), conf)
}
