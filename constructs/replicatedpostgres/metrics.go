package replicatedpostgres

import (
	"fmt"
	"time"

	"github.com/aws/jsii-runtime-go"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/cloudwatchmetricalarm"

	"github.com/multiregion-iac/multiregion/constructs/monitoring"
)

// metric is one of the instance's CloudWatch metrics, in the shared
// vocabulary (monitoring.Metric) that alarms and dashboards take. Region is
// where it lives: an alarm on it belongs in that region's stack.
func (pg *Postgres) metric(name, stat string, period time.Duration) monitoring.Metric {
	return monitoring.Metric{
		Region:        pg.Props.Region,
		Namespace:     "AWS/RDS",
		Name:          name,
		Dimensions:    map[string]string{"DBInstanceIdentifier": pg.Identifier},
		Statistic:     stat,
		PeriodSeconds: int(period / time.Second),
	}
}

// MetricReplicaLag is how far the replica is behind its source, in
// seconds. Only a replica reports it.
func (pg *Postgres) MetricReplicaLag() monitoring.Metric {
	return pg.metric("ReplicaLag", "Maximum", time.Minute)
}

// MetricFreeStorageSpace is the free storage in bytes (watch it against
// MaxAllocatedStorage: autoscaling stops there).
func (pg *Postgres) MetricFreeStorageSpace() monitoring.Metric {
	return pg.metric("FreeStorageSpace", "Minimum", 5*time.Minute)
}

// MetricCPUUtilization is the instance's CPU use in percent.
func (pg *Postgres) MetricCPUUtilization() monitoring.Metric {
	return pg.metric("CPUUtilization", "Average", time.Minute)
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
		MetricName:         jsii.String(m.Name),
		Dimensions:         &map[string]*string{"DBInstanceIdentifier": jsii.String(pg.Identifier)},
		Statistic:          jsii.String(m.Statistic),
		Period:             jsii.Number(float64(m.PeriodSeconds)),
		EvaluationPeriods:  jsii.Number(5),
		Threshold:          jsii.Number(pg.Props.ReplicaLagThreshold.Seconds()),
		ComparisonOperator: jsii.String("GreaterThanThreshold"),
		TreatMissingData:   jsii.String("breaching"),
	}
	if t := pg.Props.AlarmTopicArn; t != nil {
		conf.AlarmActions = &[]*string{t}
		conf.OkActions = &[]*string{t}
	}
	pg.ReplicaLagAlarm = cloudwatchmetricalarm.NewCloudwatchMetricAlarm(pg.Construct, jsii.String("replica-lag-alarm"), conf)
}
