package synthout

import (
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"testing"
)

// write creates files (path relative to root -> content).
func write(t *testing.T, root string, files map[string]string) {
	t.Helper()
	for rel, content := range files {
		path := filepath.Join(root, rel)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// tree lists every file under root with its content.
func tree(t *testing.T, root string) map[string]string {
	t.Helper()
	out := map[string]string{}
	err := filepath.Walk(root, func(path string, info os.FileInfo, err error) error {
		if err != nil || info.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(root, path)
		b, err := os.ReadFile(path)
		out[filepath.ToSlash(rel)] = string(b)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func TestPublish(t *testing.T) {
	staging, dir := t.TempDir(), t.TempDir()
	write(t, dir, map[string]string{
		"manifest.json":                                   "old",
		"stacks/us-east-1/cdk.tf.json":                    "old east",
		"stacks/us-east-1/.terraform/providers/p":         "provider",
		"stacks/us-east-1/.terraform.lock.hcl":            "lock",
		"stacks/eu-west-1/cdk.tf.json":                    "removed region",
		"stacks/eu-west-1/.terraform/terraform.tfstate":   "backend settings, not state",
		"stacks/eu-west-1/.terraform.lock.hcl":            "lock",
		"stacks/ap-south-1/cdk.tf.json":                   "removed region with local state",
		"stacks/ap-south-1/terraform.ap-south-1.tfstate":  "{}",
		"stacks/sa-east-1/terraform.tfstate.d/dev/x.json": "{}",
	})
	write(t, staging, map[string]string{
		"manifest.json":                "new",
		"stacks/us-east-1/cdk.tf.json": "new east",
		"stacks/global/cdk.tf.json":    "new global",
	})
	kept, err := Publish(staging, dir)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{
		"manifest.json":                                   "new",
		"stacks/us-east-1/cdk.tf.json":                    "new east",
		"stacks/us-east-1/.terraform/providers/p":         "provider",
		"stacks/us-east-1/.terraform.lock.hcl":            "lock",
		"stacks/global/cdk.tf.json":                       "new global",
		"stacks/ap-south-1/cdk.tf.json":                   "removed region with local state",
		"stacks/ap-south-1/terraform.ap-south-1.tfstate":  "{}",
		"stacks/sa-east-1/terraform.tfstate.d/dev/x.json": "{}",
	}
	if got := tree(t, dir); !reflect.DeepEqual(got, want) {
		t.Errorf("after Publish:\n got %v\nwant %v", got, want)
	}
	wantKept := []string{filepath.Join(dir, "stacks", "ap-south-1"), filepath.Join(dir, "stacks", "sa-east-1")}
	sort.Strings(wantKept)
	if !reflect.DeepEqual(kept, wantKept) {
		t.Errorf("kept %v, want %v", kept, wantKept)
	}
}

func TestPublishIntoNewDir(t *testing.T) {
	staging := t.TempDir()
	dir := filepath.Join(t.TempDir(), "cdktf.out")
	write(t, staging, map[string]string{"manifest.json": "m", "stacks/global/cdk.tf.json": "g"})
	if _, err := Publish(staging, dir); err != nil {
		t.Fatal(err)
	}
	if got := tree(t, dir); !reflect.DeepEqual(got, map[string]string{"manifest.json": "m", "stacks/global/cdk.tf.json": "g"}) {
		t.Errorf("got %v", got)
	}
}
