package flowlogs

import (
	"encoding/json"

	"github.com/multiregion-iac/multiregion/internal/logkey"
)

// policyDoc and statement shape IAM and KMS policy JSON in Go, so a policy
// crosses the jsii boundary as one string.
type policyDoc struct {
	Version   string      `json:"Version"`
	Statement []statement `json:"Statement"`
}

type statement struct {
	Sid       string                    `json:"Sid"`
	Effect    string                    `json:"Effect"`
	Principal map[string]string         `json:"Principal,omitempty"`
	Action    []string                  `json:"Action"`
	Resource  any                       `json:"Resource,omitempty"`
	Condition map[string]map[string]any `json:"Condition,omitempty"`
}

func (d policyDoc) String() string {
	out, err := json.Marshal(d)
	if err != nil {
		panic(err) // only strings and maps: always encodable
	}
	return string(out)
}

// arns holds the account-scoped ARN prefixes (partition and account may be
// Terraform references).
type arns struct {
	partition, region, account string
}

func (a arns) logGroup(name string) string {
	return logkey.LogGroupArn(a.partition, a.region, a.account, name)
}

// trustPolicy lets only this account's flow logs in the given regions
// assume the role (confused-deputy conditions). One region renders plain
// strings, as before the delivery role could serve several.
func trustPolicy(partition, account string, regions []string) string {
	var sources []string
	for _, r := range regions {
		sources = append(sources, "arn:"+partition+":ec2:"+r+":"+account+":vpc-flow-log/*")
	}
	var source any = sources
	if len(sources) == 1 {
		source = sources[0]
	}
	return policyDoc{Version: "2012-10-17", Statement: []statement{{
		Sid: "FlowLogsAssume", Effect: "Allow",
		Principal: map[string]string{"Service": "vpc-flow-logs.amazonaws.com"},
		Action:    []string{"sts:AssumeRole"},
		Condition: map[string]map[string]any{
			"StringEquals": {"aws:SourceAccount": account},
			"ArnLike":      {"aws:SourceArn": source},
		},
	}}}.String()
}

// groupsIn is the flow-log groups of one region.
type groupsIn struct {
	region string
	groups []string
}

// writePolicy lets the role write log streams and events to the given log
// groups (in their regions) and nothing else; it cannot create log groups.
func writePolicy(partition, account string, in []groupsIn) string {
	var streams, regions []string
	for _, r := range in {
		a := arns{partition: partition, region: r.region, account: account}
		for _, g := range r.groups {
			streams = append(streams, a.logGroup(g)+":*")
		}
		regions = append(regions, a.logGroup("*"))
	}
	var find any = regions
	if len(regions) == 1 {
		find = regions[0]
	}
	return policyDoc{Version: "2012-10-17", Statement: []statement{
		{
			Sid: "WriteFlowLogs", Effect: "Allow",
			Action:   []string{"logs:CreateLogStream", "logs:PutLogEvents", "logs:DescribeLogStreams"},
			Resource: streams,
		},
		{
			// DescribeLogGroups is a list call; it cannot be narrowed to a group.
			Sid: "FindLogGroups", Effect: "Allow",
			Action:   []string{"logs:DescribeLogGroups"},
			Resource: find,
		},
	}}.String()
}
