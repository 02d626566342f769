package replicatedpostgres

import (
	"fmt"
	"regexp"
	"strconv"
	"time"

	"github.com/aws/jsii-runtime-go"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/cloudwatchmetricalarm"

	"github.com/multiregion-iac/multiregion/constructs/monitoring"
	"github.com/multiregion-iac/multiregion/internal/validate"
)

// HealthAlarms are the thresholds of the four health alarms every instance
// gets in its own region: CPU, free storage, freeable memory and
// connections. Each alarm fires after three 5-minute periods past its
// threshold (free storage after one), and no data is not a breach (the
// ReplicaLag alarm covers a silent replica).
type HealthAlarms struct {
	// CPUPercent: average CPU utilization above it.
	// Default: 80.
	CPUPercent int
	// FreeStoragePercent: free storage below this share of
	// AllocatedStorage (storage autoscaling grows the volume when about 10%
	// is left, up to MaxAllocatedStorage; the alarm says it did not).
	// Default: 10.
	FreeStoragePercent int
	// FreeableMemoryPercent: freeable memory below this share of the
	// instance class's memory.
	// Default: 10.
	FreeableMemoryPercent int
	// ConnectionsPercent: connections above this share of PostgreSQL's
	// default max_connections on RDS for the class, LEAST(memory in bytes /
	// 9531392, 5000) (RDS computes it from slightly less than the nominal
	// memory, so the alarm fires a little early).
	// Default: 80.
	ConnectionsPercent int
	// InstanceMemoryGiB is the instance class's memory, for the memory and
	// connections thresholds.
	// Default: known for the db.t3, db.t4g and the current m and r
	// families (m5-m8g, r5-r8g); required for other classes.
	InstanceMemoryGiB int
}

// Defaults of HealthAlarms.
const (
	DefaultCPUAlarmPercent            = 80
	DefaultFreeStorageAlarmPercent    = 10
	DefaultFreeableMemoryAlarmPercent = 10
	DefaultConnectionsAlarmPercent    = 80
	// bytesPerConnection is RDS for PostgreSQL's max_connections divisor.
	bytesPerConnection = 9531392
	maxConnectionsCap  = 5000
)

func (h HealthAlarms) withDefaults(class string) HealthAlarms {
	for _, f := range []struct {
		v   *int
		def int
	}{{&h.CPUPercent, DefaultCPUAlarmPercent}, {&h.FreeStoragePercent, DefaultFreeStorageAlarmPercent},
		{&h.FreeableMemoryPercent, DefaultFreeableMemoryAlarmPercent}, {&h.ConnectionsPercent, DefaultConnectionsAlarmPercent}} {
		if *f.v == 0 {
			*f.v = f.def
		}
	}
	if h.InstanceMemoryGiB == 0 {
		h.InstanceMemoryGiB = ClassMemoryGiB(class)
	}
	return h
}

func (h HealthAlarms) validate(probs *validate.Problems, class string) {
	for _, f := range []struct {
		name string
		v    int
	}{{"CPUPercent", h.CPUPercent}, {"FreeStoragePercent", h.FreeStoragePercent},
		{"FreeableMemoryPercent", h.FreeableMemoryPercent}, {"ConnectionsPercent", h.ConnectionsPercent}} {
		if f.v < 1 || f.v > 99 {
			probs.Addf("HealthAlarms."+f.name, "must be 1-99 (percent), got %d", f.v)
		}
	}
	switch {
	case h.InstanceMemoryGiB < 0:
		probs.Addf("HealthAlarms.InstanceMemoryGiB", "must be positive, got %d", h.InstanceMemoryGiB)
	case h.InstanceMemoryGiB == 0 && CheckInstanceClass(class) == "":
		probs.Addf("HealthAlarms.InstanceMemoryGiB", "is required: the memory of InstanceClass %q is not known to the construct", class)
	}
}

var classRe = regexp.MustCompile(`^db\.(t3|t4g|m5|m5d|m6g|m6gd|m6i|m6id|m7g|m7i|m8g|r5|r5b|r5d|r6g|r6gd|r6i|r6id|r7g|r7i|r8g)\.(micro|small|medium|large|(\d*)xlarge)$`)

// ClassMemoryGiB is the memory of a DB instance class of the burstable
// (t3, t4g) and current general-purpose and memory-optimized families, 0
// when unknown. An m class has 4 GiB per vCPU and an r class 8; a large
// has 2 vCPUs, an xlarge 4, an <n>xlarge 4n.
func ClassMemoryGiB(class string) int {
	m := classRe.FindStringSubmatch(class)
	if m == nil {
		return 0
	}
	family, size := m[1], m[2]
	if family == "t3" || family == "t4g" {
		return map[string]int{"micro": 1, "small": 2, "medium": 4, "large": 8, "xlarge": 16, "2xlarge": 32}[size]
	}
	vcpus := 0
	switch {
	case size == "large":
		vcpus = 2
	case size == "xlarge":
		vcpus = 4
	case m[3] != "":
		n, _ := strconv.Atoi(m[3])
		vcpus = 4 * n
	}
	perVcpu := 4
	if family[0] == 'r' {
		perVcpu = 8
	}
	return vcpus * perVcpu
}

// MetricFreeableMemory is the instance's freeable memory in bytes.
func (pg *Postgres) MetricFreeableMemory() monitoring.Metric {
	return pg.metric("FreeableMemory", "Minimum", 5*time.Minute)
}

// MetricDatabaseConnections is the number of client connections.
func (pg *Postgres) MetricDatabaseConnections() monitoring.Metric {
	return pg.metric("DatabaseConnections", "Maximum", 5*time.Minute)
}

// healthAlarm is one health alarm's settings.
type healthAlarm struct {
	id, what   string
	metric     monitoring.Metric
	op         string
	threshold  float64
	evaluation int
}

// addHealthAlarms alarms in the instance's region, to AlarmTopicArn.
func (pg *Postgres) addHealthAlarms() {
	h := pg.Props.HealthAlarms
	gib := float64(1 << 30)
	memory := float64(h.InstanceMemoryGiB) * gib
	maxConns := min(memory/bytesPerConnection, maxConnectionsCap)
	cpu := pg.MetricCPUUtilization()
	cpu.PeriodSeconds = 300
	for _, a := range []healthAlarm{
		{"cpu-alarm", fmt.Sprintf("average CPU above %d%%", h.CPUPercent), cpu, "GreaterThanThreshold", float64(h.CPUPercent), 3},
		{"free-storage-alarm", fmt.Sprintf("free storage below %d%% of the %d GiB allocated", h.FreeStoragePercent, pg.Props.AllocatedStorage),
			pg.MetricFreeStorageSpace(), "LessThanThreshold", float64(h.FreeStoragePercent) / 100 * float64(pg.Props.AllocatedStorage) * gib, 1},
		{"freeable-memory-alarm", fmt.Sprintf("freeable memory below %d%% of %d GiB", h.FreeableMemoryPercent, h.InstanceMemoryGiB),
			pg.MetricFreeableMemory(), "LessThanThreshold", float64(h.FreeableMemoryPercent) / 100 * memory, 3},
		{"connections-alarm", fmt.Sprintf("connections above %d%% of max_connections (%d)", h.ConnectionsPercent, int(maxConns)),
			pg.MetricDatabaseConnections(), "GreaterThanThreshold", float64(int(float64(h.ConnectionsPercent) / 100 * maxConns)), 3},
	} {
		pg.addAlarm(a)
	}
}

func (pg *Postgres) addAlarm(a healthAlarm) {
	m := a.metric
	conf := &cloudwatchmetricalarm.CloudwatchMetricAlarmConfig{
		AlarmName:          jsii.String(pg.Identifier + "-" + a.id[:len(a.id)-len("-alarm")]),
		AlarmDescription:   jsii.String(pg.Identifier + ": " + a.what),
		Namespace:          jsii.String(m.Namespace),
		MetricName:         jsii.String(m.Name),
		Dimensions:         &map[string]*string{"DBInstanceIdentifier": jsii.String(pg.Identifier)},
		Statistic:          jsii.String(m.Statistic),
		Period:             jsii.Number(float64(m.PeriodSeconds)),
		EvaluationPeriods:  jsii.Number(float64(a.evaluation)),
		Threshold:          jsii.Number(a.threshold),
		ComparisonOperator: jsii.String(a.op),
		TreatMissingData:   jsii.String("missing"),
	}
	if t := pg.Props.AlarmTopicArn; t != nil {
		conf.AlarmActions = &[]*string{t}
		conf.OkActions = &[]*string{t}
	}
	pg.HealthAlarmList = append(pg.HealthAlarmList, cloudwatchmetricalarm.NewCloudwatchMetricAlarm(pg.Construct, jsii.String(a.id), conf))
}
