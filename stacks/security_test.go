package stacks

import (
	"os"
	"strings"
	"testing"

	"github.com/multiregion-iac/multiregion/internal/synthtest"
)

// TestSecureByDefault checks security invariants over every stack of the
// production-style config, resource by resource. It backs the tfsec
// exclusions in tools/tfsec.yml that exist only because tfsec 1.28 cannot
// follow references between resources in JSON configurations.
func TestSecureByDefault(t *testing.T) {
	t.Setenv("AWS_ACCOUNT_ID", "123456789012")
	raw, err := os.ReadFile("../config/production.example.yaml")
	if err != nil {
		t.Fatal(err)
	}
	cfg, err := Parse(raw)
	if err != nil {
		t.Fatal(err)
	}
	stacks := synthReference(t, *cfg)
	seen := map[string]int{}
	for _, name := range stacks.Names() {
		s := stacks[name]
		for _, typ := range []string{"aws_s3_bucket", "aws_cloudwatch_log_group", "aws_sns_topic", "aws_db_instance"} {
			seen[typ] += len(s.Resources(typ))
		}
		encrypted := map[string]bool{}
		for path, sse := range s.Resources("aws_s3_bucket_server_side_encryption_configuration") {
			rule := sse["rule"].([]any)[0].(map[string]any)["apply_server_side_encryption_by_default"].(map[string]any)
			if rule["sse_algorithm"] != "aws:kms" || !strings.HasPrefix(rule["kms_master_key_id"].(string), "${aws_kms_key.") {
				t.Errorf("%s %s: not SSE-KMS with a customer managed key: %v", name, path, rule)
			}
			encrypted[sse["bucket"].(string)] = true
		}
		versioned := map[string]bool{}
		for _, v := range s.Resources("aws_s3_bucket_versioning") {
			versioned[v["bucket"].(string)] = true
		}
		blocked := map[string]bool{}
		for _, b := range s.Resources("aws_s3_bucket_public_access_block") {
			blocked[b["bucket"].(string)] = true
		}
		for path, b := range s.Resources("aws_s3_bucket") {
			ref := "${aws_s3_bucket." + b["//"].(map[string]any)["metadata"].(map[string]any)["uniqueId"].(string) + ".id}"
			if !encrypted[ref] || !versioned[ref] || !blocked[ref] {
				t.Errorf("%s %s: bucket must be SSE-KMS encrypted (%v), versioned (%v) and block public access (%v)", name, path, encrypted[ref], versioned[ref], blocked[ref])
			}
		}
		for path, lg := range s.Resources("aws_cloudwatch_log_group") {
			if _, ok := lg["kms_key_id"]; !ok {
				t.Errorf("%s %s: log group without a KMS key", name, path)
			}
		}
		for path, topic := range s.Resources("aws_sns_topic") {
			if _, ok := topic["kms_master_key_id"]; !ok {
				t.Errorf("%s %s: SNS topic without a KMS key", name, path)
			}
		}
		for path, db := range s.Resources("aws_db_instance") {
			synthtest.Absent(t, name+" "+path, db, "password", "manage_master_user_password")
			if _, replica := db["replicate_source_db"]; !replica {
				synthtest.Attrs(t, name+" "+path, db, map[string]any{"storage_encrypted": true, "deletion_protection": true, "iam_database_authentication_enabled": true})
			}
		}
		if strings.Contains(strings.ToLower(string(s.Raw)), `"password":`) {
			t.Errorf("%s: a plain password attribute is in the synthesized JSON", name)
		}
	}
	for _, typ := range []string{"aws_s3_bucket", "aws_cloudwatch_log_group", "aws_sns_topic", "aws_db_instance"} {
		if seen[typ] == 0 {
			t.Errorf("the production config synthesized no %s: this test would check nothing", typ)
		}
	}
}
