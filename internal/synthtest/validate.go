package synthtest

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

// Validate checks every stack with `terraform validate` against the real
// provider schema and reports each diagnostic (warnings too: a deprecated
// attribute today is an error in 6.x) with the stack, address and summary.
//
// In a test package whose TestMain is Main, the stacks are collected and
// validated together after the last test (see batch), and a failure names
// the test that synthesized the stack; elsewhere they are validated before
// Validate returns. A stack whose exact JSON already passed against the
// same terraform and provider binaries is not validated again (validated).
func Validate(t testing.TB, stacks Stacks) {
	t.Helper()
	cache := newValidated(RepoRoot(t))
	b := &batch{}
	for _, name := range stacks.Names() {
		s := stacks[name]
		if key := validatedKey(s); !cache.passed(key) {
			b.add(t.Name(), s, key)
		}
	}
	if len(b.members) == 0 {
		return
	}
	if pending.collect(b) {
		return
	}
	failures, err := b.validate(TerraformEnv(t), cache)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range failures {
		t.Error(f.message)
	}
}

// pending holds the stacks collected until Main validates them.
var pending = &collector{}

type collector struct {
	mu      sync.Mutex
	enabled bool
	batch   batch
}

func (c *collector) enable() {
	c.mu.Lock()
	c.enabled = true
	c.mu.Unlock()
}

func (c *collector) collect(b *batch) bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	if !c.enabled {
		return false
	}
	for _, m := range b.members {
		c.batch.add(m.tests[0], m.stack, m.key)
	}
	return true
}

// validatePending validates what the tests collected and prints each
// failure with its test; it reports whether all passed.
func validatePending() bool {
	pending.mu.Lock()
	b := pending.batch
	pending.mu.Unlock()
	if len(b.members) == 0 {
		return true
	}
	root, err := repoRoot()
	var env []string
	if err == nil {
		env, err = terraformEnv(root)
	}
	var failures []failure
	if err == nil {
		failures, err = b.validate(env, newValidated(root))
	}
	if err != nil {
		fmt.Printf("--- FAIL: terraform validate of the synthesized stacks\n    %v\n", err)
		return false
	}
	if len(failures) == 0 {
		return true
	}
	fmt.Println("--- FAIL: terraform validate of the synthesized stacks")
	for _, f := range failures {
		fmt.Printf("    %s: %s\n", strings.Join(f.tests, ", "), strings.ReplaceAll(f.message, "\n", "\n    "))
	}
	return false
}

// failure is one stack that did not pass, with the tests that made it.
type failure struct {
	tests   []string
	message string
}

type diagnostic struct {
	Severity string `json:"severity"`
	Summary  string `json:"summary"`
	Detail   string `json:"detail"`
	Address  string `json:"address"`
	Range    struct {
		Filename string `json:"filename"`
	} `json:"range"`
}

type validateResult struct {
	Valid       bool         `json:"valid"`
	Diagnostics []diagnostic `json:"diagnostics"`
}

// validate runs the batch and remembers the stacks that passed.
func (b *batch) validate(env []string, cache *validated) ([]failure, error) {
	dir, err := os.MkdirTemp("", "validate-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(dir)
	alone, err := b.write(dir)
	if err != nil {
		return nil, err
	}
	problems := map[*member][]string{}
	if len(alone) < len(b.members) {
		res, err := initAndValidate(dir, env)
		if err != nil {
			return nil, err
		}
		res.report(problems, b.owners)
	}
	for i, m := range alone {
		own := filepath.Join(dir, fmt.Sprintf("alone-%d", i))
		if err := writeJSON(filepath.Join(own, "cdk.tf.json"), m.stack.JSON); err != nil {
			return nil, err
		}
		res, err := initAndValidate(own, env)
		if err != nil {
			return nil, err
		}
		res.report(problems, func(diagnostic) []*member { return []*member{m} })
	}
	var failures []failure
	for _, m := range b.members {
		if len(problems[m]) == 0 {
			cache.add(m.key)
			continue
		}
		failures = append(failures, failure{tests: m.tests,
			message: "stack " + m.stack.Name + ": terraform validate failed:\n  " + strings.Join(problems[m], "\n  ")})
	}
	return failures, nil
}

// report adds each diagnostic to the members it is about (owners), with
// the address the stack's own validate would print; an invalid result
// without a diagnostic counts against every owner.
func (r validateResult) report(problems map[*member][]string, owners func(diagnostic) []*member) {
	for _, d := range r.Diagnostics {
		for _, m := range owners(d) {
			problems[m] = append(problems[m], d.Severity+": "+localAddress(m, d.Address)+": "+d.Summary+": "+d.Detail)
		}
	}
	if !r.Valid && len(r.Diagnostics) == 0 {
		for _, m := range owners(diagnostic{}) {
			problems[m] = append(problems[m], "invalid, with no diagnostic")
		}
	}
}

// initAndValidate runs `terraform init -backend=false` and `terraform
// validate -json` in dir.
func initAndValidate(dir string, env []string) (validateResult, error) {
	var res validateResult
	if _, err := runTerraform(dir, env, "init", "-backend=false", "-input=false", "-no-color"); err != nil {
		return res, fmt.Errorf("terraform init in %s: %w", dir, err)
	}
	out, _ := runTerraform(dir, env, "validate", "-json", "-no-color")
	if err := json.Unmarshal(out, &res); err != nil {
		return res, fmt.Errorf("terraform validate printed no JSON: %s", out)
	}
	return res, nil
}
