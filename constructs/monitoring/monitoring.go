package monitoring

import (
	"sort"
	"strings"

	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/cloudwatchdashboard"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/cloudwatchmetricalarm"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/dataawscalleridentity"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/dataawspartition"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/kmsalias"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/kmskey"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/snstopic"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/snstopicpolicy"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/snstopicsubscription"
	"github.com/hashicorp/terraform-cdk-go/cdktf"

	"github.com/multiregion-iac/multiregion/constructs/monitoring/dashboard"
	"github.com/multiregion-iac/multiregion/internal/tfexpr"
	"github.com/multiregion-iac/multiregion/internal/validate"
)

// Monitoring is a region's alarm topic, alarms and optional overview.
type Monitoring struct {
	// Construct is the scope holding the resources (a named field: jsii
	// cannot use a Go struct embedding a construct as a scope).
	Construct constructs.Construct
	// Props are the resolved props (defaults applied).
	Props Props
	// TopicArn is the SNS topic every alarm notifies.
	TopicArn *string
	// TopicName is the topic's name, known at synth.
	TopicName string
	// AlarmNames lists the alarm names in the order of Props.Alarms.
	AlarmNames []string
	// OverviewName is the overview dashboard's name; empty without one.
	OverviewName string
}

// New validates props and creates the topic, its key, subscriptions,
// alarms and overview. All problems are reported together, prefixed with
// the construct path, before any resource is created.
func New(scope constructs.Construct, id string, props Props) (*Monitoring, error) {
	props = props.withDefaults(id)
	probs := validate.New(*scope.Node().Path() + "/" + id)
	props.validate(probs)
	if err := probs.Err(); err != nil {
		return nil, err
	}
	m := &Monitoring{Construct: constructs.NewConstruct(scope, jsii.String(id)), Props: props, TopicName: props.Name + "-alarms"}
	partition := *dataawspartition.NewDataAwsPartition(m.Construct, jsii.String("partition"), nil).Partition()
	account := props.AccountId
	if account == "" {
		account = *dataawscalleridentity.NewDataAwsCallerIdentity(m.Construct, jsii.String("account"), nil).AccountId()
	}

	key := kmskey.NewKmsKey(m.Construct, jsii.String("key"), &kmskey.KmsKeyConfig{
		Description:          jsii.String("Encrypts the " + m.TopicName + " SNS topic"),
		EnableKeyRotation:    true,
		DeletionWindowInDays: jsii.Number(float64(props.KmsDeletionWindowDays)),
		Policy:               jsii.String(keyPolicy(partition, account)),
	})
	kmsalias.NewKmsAlias(m.Construct, jsii.String("key-alias"), &kmsalias.KmsAliasConfig{
		Name: jsii.String("alias/" + m.TopicName), TargetKeyId: key.KeyId(),
	})
	topic := snstopic.NewSnsTopic(m.Construct, jsii.String("topic"), &snstopic.SnsTopicConfig{
		Name:           jsii.String(m.TopicName),
		KmsMasterKeyId: key.Arn(),
	})
	m.TopicArn = topic.Arn()
	snstopicpolicy.NewSnsTopicPolicy(m.Construct, jsii.String("topic-policy"), &snstopicpolicy.SnsTopicPolicyConfig{
		Arn:    topic.Arn(),
		Policy: jsii.String(topicPolicy(partition, props.Region, account, *topic.Arn())),
	})
	for _, addr := range props.EmailAddresses {
		// Keyed by address: reordering the list replaces nothing.
		snstopicsubscription.NewSnsTopicSubscription(m.Construct, jsii.String("email-"+addr), &snstopicsubscription.SnsTopicSubscriptionConfig{
			TopicArn: topic.Arn(), Protocol: jsii.String("email"), Endpoint: jsii.String(addr),
		})
	}
	groups := map[string][]Alarm{}
	for _, a := range props.Alarms {
		m.AlarmNames = append(m.AlarmNames, props.Name+"-"+a.Id)
		if a.Group == "" {
			m.alarm(a)
		} else {
			groups[a.Group] = append(groups[a.Group], a)
		}
	}
	for _, g := range sortedKeys(groups) {
		m.alarmGroup(g, groups[g])
	}
	if len(props.Overview) > 0 {
		m.OverviewName = props.OverviewName
		cloudwatchdashboard.NewCloudwatchDashboard(m.Construct, jsii.String("overview"), &cloudwatchdashboard.CloudwatchDashboardConfig{
			DashboardName: jsii.String(props.OverviewName),
			DashboardBody: jsii.String(props.overviewBody().JSON()),
		})
	}
	return m, nil
}

func (m *Monitoring) alarm(a Alarm) {
	conf := m.alarmConfig(a)
	conf.AlarmName = jsii.String(m.Props.Name + "-" + a.Id)
	conf.Dimensions = stringPtrs(a.Metric.Dimensions)
	if a.Description != "" {
		conf.AlarmDescription = jsii.String(a.Description)
	}
	cloudwatchmetricalarm.NewCloudwatchMetricAlarm(m.Construct, jsii.String("alarm-"+a.Id), conf)
}

// alarmConfig is what a lone alarm and a group share: the metric, the
// evaluation and the topic. Callers set the name and dimensions.
func (m *Monitoring) alarmConfig(a Alarm) *cloudwatchmetricalarm.CloudwatchMetricAlarmConfig {
	return &cloudwatchmetricalarm.CloudwatchMetricAlarmConfig{
		Namespace:          jsii.String(a.Metric.Namespace),
		MetricName:         jsii.String(a.Metric.Name),
		Statistic:          jsii.String(a.Metric.Statistic),
		Period:             jsii.Number(float64(a.Metric.PeriodSeconds)),
		EvaluationPeriods:  jsii.Number(float64(a.EvaluationPeriods)),
		DatapointsToAlarm:  jsii.Number(float64(a.DatapointsToAlarm)),
		ComparisonOperator: jsii.String(a.Comparison),
		Threshold:          jsii.Number(a.Threshold),
		TreatMissingData:   jsii.String(a.TreatMissingData),
		AlarmActions:       &[]*string{m.TopicArn},
		OkActions:          &[]*string{m.TopicArn},
	}
}

// alarmGroup creates one for_each resource, alarms-<group>, over the
// group's alarms keyed by Key. Only what differs between them crosses jsii,
// as one map: each alarm's own dimensions, and its name and description
// when they cannot be shared. A description or dimension that is the same
// for every alarm is set once on the resource, and names of the form
// <prefix><Key><suffix> become a template over each.key: every string in
// the map costs time at synth, and a shorter map is easier to read.
// Validation made sure every other field is the same across the group.
func (m *Monitoring) alarmGroup(group string, alarms []Alarm) {
	a := alarms[0]
	shared := sharedDimensions(alarms)
	prefix, suffix, namedByKey := nameAroundKey(alarms)
	sameDescription := true
	for _, b := range alarms {
		sameDescription = sameDescription && b.Description == a.Description
	}
	// each.value is the alarm's own dimensions when nothing else varies,
	// else an object with them, the name and the description.
	flat := namedByKey && sameDescription
	instances := make(map[string]any, len(alarms))
	for _, b := range alarms {
		own := map[string]string{}
		for k, v := range b.Metric.Dimensions {
			if _, ok := shared[k]; !ok {
				own[k] = v
			}
		}
		if flat {
			instances[b.Key] = own
			continue
		}
		instance := map[string]any{"dimensions": own}
		if !namedByKey {
			instance["alarm_name"] = m.Props.Name + "-" + b.Id
		}
		if !sameDescription {
			instance["description"] = b.Description
		}
		instances[b.Key] = instance
	}
	it := cdktf.TerraformIterator_FromMap(instances)
	conf := m.alarmConfig(a)
	conf.ForEach = it
	conf.AlarmName = jsii.String(m.Props.Name + "-" + prefix + tfexpr.Interp("each.key") + suffix)
	conf.Dimensions = groupDimensions(it, shared, len(shared) < countKeys(alarms), flat)
	if !namedByKey {
		conf.AlarmName = it.GetString(jsii.String("alarm_name"))
	}
	switch {
	case sameDescription && a.Description != "":
		conf.AlarmDescription = jsii.String(a.Description)
	case !sameDescription:
		// An empty description is no description, as for a lone alarm.
		conf.AlarmDescription = jsii.String(tfexpr.Interp(tfexpr.Cond(`each.value.description == ""`, "null", "each.value.description")))
	}
	cloudwatchmetricalarm.NewCloudwatchMetricAlarm(m.Construct, jsii.String("alarms-"+group), conf)
}

// nameAroundKey finds the prefix and suffix around Key shared by every
// alarm's Id ("client-" and "-vpn" for client-acme-vpn keyed acme). Keys
// must be safe names: they go into the name template.
func nameAroundKey(alarms []Alarm) (prefix, suffix string, ok bool) {
	a := alarms[0]
	i := strings.Index(a.Id, a.Key)
	if i < 0 {
		return "", "", false
	}
	prefix, suffix = a.Id[:i], a.Id[i+len(a.Key):]
	for _, b := range alarms {
		if !safeName.MatchString(b.Key) || b.Id != prefix+b.Key+suffix {
			return "", "", false
		}
	}
	return prefix, suffix, true
}

// countKeys is how many dimension names the group's alarms use.
func countKeys(alarms []Alarm) int {
	names := map[string]bool{}
	for _, a := range alarms {
		for k := range a.Metric.Dimensions {
			names[k] = true
		}
	}
	return len(names)
}

// sharedDimensions are the dimensions with the same value in every alarm.
func sharedDimensions(alarms []Alarm) map[string]string {
	shared := map[string]string{}
	for k, v := range alarms[0].Metric.Dimensions {
		shared[k] = v
	}
	for _, a := range alarms[1:] {
		for k, v := range shared {
			if got, ok := a.Metric.Dimensions[k]; !ok || got != v {
				delete(shared, k)
			}
		}
	}
	return shared
}

// groupDimensions is the resource's dimensions: the shared ones, merged
// with each instance's own when they have any (each.value itself when flat).
func groupDimensions(it cdktf.MapTerraformIterator, shared map[string]string, perInstance, flat bool) *map[string]*string {
	if !perInstance {
		return stringPtrs(shared)
	}
	own := it.GetStringMap(jsii.String("dimensions"))
	if flat {
		own = cdktf.Token_AsStringMap(it.Value(), nil)
	}
	if len(shared) == 0 {
		return own
	}
	return cdktf.Token_AsStringMap(cdktf.Fn_Merge(&[]any{stringPtrs(shared), own}), nil)
}

func stringPtrs(m map[string]string) *map[string]*string {
	out := make(map[string]*string, len(m))
	for k, v := range m {
		out[k] = jsii.String(v)
	}
	return &out
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// overviewBody draws each panel as one graph; every line carries its own
// region, so one dashboard shows all regions side by side.
func (p Props) overviewBody() *dashboard.Body {
	b := &dashboard.Body{Start: "-PT6H"}
	for _, pn := range p.Overview {
		lines := make([]dashboard.Metric, len(pn.Metrics))
		period := 60
		for i, m := range pn.Metrics {
			lines[i] = m.line()
			if s := m.withDefaults().PeriodSeconds; s > period {
				period = s
			}
		}
		b.AddMetrics(pn.Width, 6, dashboard.MetricProps{Title: pn.Title, Region: p.Region, Period: period}, lines...)
	}
	return b
}
