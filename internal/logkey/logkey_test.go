package logkey

import (
	"encoding/json"
	"reflect"
	"testing"
)

func TestPolicyLetsOnlyTheRegionsLogsUseTheKeyForTheGroups(t *testing.T) {
	var doc struct {
		Statement []struct {
			Sid       string
			Principal map[string]string
			Action    []string
			Condition map[string]map[string]string
		}
	}
	if err := json.Unmarshal([]byte(Policy("aws", "eu-west-1", "123456789012", "/multiregion/shop/vpn-tunnel-logs")), &doc); err != nil {
		t.Fatal(err)
	}
	if len(doc.Statement) != 2 {
		t.Fatalf("want 2 statements, got %+v", doc.Statement)
	}
	admin, logs := doc.Statement[0], doc.Statement[1]
	if admin.Principal["AWS"] != "arn:aws:iam::123456789012:root" || !reflect.DeepEqual(admin.Action, []string{"kms:*"}) {
		t.Errorf("administration statement: %+v", admin)
	}
	if logs.Principal["Service"] != "logs.eu-west-1.amazonaws.com" {
		t.Errorf("logs principal: %+v", logs.Principal)
	}
	want := map[string]map[string]string{"ArnLike": {
		"kms:EncryptionContext:aws:logs:arn": "arn:aws:logs:eu-west-1:123456789012:log-group:/multiregion/shop/vpn-tunnel-logs"}}
	if !reflect.DeepEqual(logs.Condition, want) {
		t.Errorf("condition: got %v, want %v", logs.Condition, want)
	}
}
