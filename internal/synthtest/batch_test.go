package synthtest

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func stackOf(t *testing.T, name, doc string) *Stack {
	t.Helper()
	s := &Stack{Name: name, Raw: []byte(doc)}
	if err := json.Unmarshal(s.Raw, &s.JSON); err != nil {
		t.Fatal(err)
	}
	return s
}

// stackDoc is a minimal stack as cdktf writes one: a backend, the AWS
// provider (default and, when alias is set, an aliased one) and resources.
func stackDoc(region, alias, resources string) string {
	providers := `{"region":"` + region + `"}`
	if alias != "" {
		providers += `,{"alias":"` + alias + `","region":"us-east-1"}`
	}
	return `{"//":{"metadata":{}},
	 "terraform":{"backend":{"local":{"path":"x.tfstate"}},
	   "required_providers":{"aws":{"source":"aws","version":">= 5.100.0, < 6.0.0"}}},
	 "provider":{"aws":[` + providers + `]},
	 "resource":` + resources + `}`
}

// TestBatchNamesTheStackAndTest validates five stacks in one batch: two
// good ones sharing a provider configuration, one aliased provider, one
// resource error and one provider block error. Each error lands on its own
// stack and test only, with the address the stack's own validate prints;
// the good stacks are remembered as passed.
func TestBatchNamesTheStackAndTest(t *testing.T) {
	topic := `{"aws_sns_topic":{"t":{"name":"a"}}}`
	b := &batch{}
	cases := []struct{ test, name, doc string }{
		{"TestGood", "us-west-2", stackDoc("us-west-2", "", topic)},
		{"TestGoodToo", "eu-west-1", stackDoc("us-west-2", "", `{"aws_sns_topic":{"u":{"name":"b"}}}`)},
		{"TestAliased", "global", stackDoc("us-west-2", "use1", `{"aws_sns_topic":{"g":{"provider":"aws.use1","name":"c"}}}`)},
		{"TestBadResource", "us-east-1", stackDoc("us-east-1", "", `{"aws_sns_topic":{"bad":{"name":"d","no_such_argument":true}}}`)},
		{"TestBadProvider", "ap-south-1", strings.Replace(stackDoc("ap-south-1", "", topic), `"region":"ap-south-1"`, `"region":"ap-south-1","no_such_setting":1`, 1)},
	}
	for _, c := range cases {
		s := stackOf(t, c.name, c.doc)
		b.add(c.test, s, validatedKey(s))
	}
	b.add("TestGoodAgain", stackOf(t, "us-west-2", cases[0].doc), validatedKey(stackOf(t, "us-west-2", cases[0].doc)))
	cache := &validated{dir: t.TempDir(), salt: "batch test"}
	failures, err := b.validate(TerraformEnv(t), cache)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, f := range failures {
		got[strings.Join(f.tests, ",")] = f.message
	}
	if len(got) != 2 {
		t.Fatalf("want failures for TestBadResource and TestBadProvider only, got %v", got)
	}
	if m := got["TestBadResource"]; !strings.HasPrefix(m, "stack us-east-1: terraform validate failed:") || !strings.Contains(m, "no_such_argument") || strings.Contains(m, "module.") {
		t.Errorf("resource error: %q", m)
	}
	if m := got["TestBadProvider"]; !strings.HasPrefix(m, "stack ap-south-1:") || !strings.Contains(m, "no_such_setting") {
		t.Errorf("provider error: %q", m)
	}
	for i, c := range cases[:3] {
		if !cache.passed(b.members[i].key) {
			t.Errorf("%s: a passing stack was not remembered", c.test)
		}
	}
	if len(b.members) != 5 || strings.Join(b.members[0].tests, ",") != "TestGood,TestGoodAgain" {
		t.Errorf("the same JSON from two tests is not one member with both tests: %d members, %v", len(b.members), b.members[0].tests)
	}
	// us-west-2 (three stacks' default), us-east-1 (the alias and the bad
	// resource's default: same content) and the bad provider block.
	if n := len(b.providers); n != 3 {
		t.Errorf("want 3 distinct provider configurations, got %d", n)
	}
}

// TestBatchLayout: the module keeps its resources, loses its backend and
// provider blocks, declares its aliases, and the root passes the shared
// configurations; a stack with a provider block that references anything
// stays a root of its own.
func TestBatchLayout(t *testing.T) {
	b := &batch{}
	s := stackOf(t, "global", stackDoc("us-west-2", "use1", `{"aws_sns_topic":{"g":{"provider":"aws.use1","name":"c"}}}`))
	b.add("T", s, validatedKey(s))
	ref := stackOf(t, "ref", strings.Replace(stackDoc("us-west-2", "", `{}`), `"region":"us-west-2"`, `"region":"${var.r}"`, 1))
	b.add("T", ref, validatedKey(ref))
	dir := t.TempDir()
	alone, err := b.write(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(alone) != 1 || alone[0].stack != ref {
		t.Fatalf("the stack with a reference in its provider block is not validated on its own: %v", alone)
	}
	var module, root map[string]any
	readJSON(t, filepath.Join(dir, "s0", "cdk.tf.json"), &module)
	readJSON(t, filepath.Join(dir, "main.tf.json"), &root)
	tf := module["terraform"].(map[string]any)
	if _, ok := tf["backend"]; ok || module["provider"] != nil || module["resource"] == nil {
		t.Errorf("module: %v", module)
	}
	aws := tf["required_providers"].(map[string]any)["aws"].(map[string]any)
	if got := aws["configuration_aliases"]; len(got.([]any)) != 1 || got.([]any)[0] != "aws.use1" {
		t.Errorf("configuration_aliases: %v", got)
	}
	call := root["module"].(map[string]any)["s0"].(map[string]any)
	providers := call["providers"].(map[string]any)
	if providers["aws"] == providers["aws.use1"] || !strings.HasPrefix(providers["aws"].(string), "aws.p") {
		t.Errorf("providers passed: %v", providers)
	}
	if s.JSON["provider"] == nil || s.JSON["terraform"].(map[string]any)["backend"] == nil {
		t.Error("write edited the stack")
	}
}

func readJSON(t *testing.T, path string, v any) {
	t.Helper()
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(raw, v); err != nil {
		t.Fatal(err)
	}
}
