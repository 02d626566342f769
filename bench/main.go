// Command bench measures build, synth, validate, plan and failover-deploy
// costs of the reference app and prints a table (see docs/performance.md).
// It is a script, not a test: run `go run ./bench` from the repository root
// (add -deploy=false to skip the emulator part).
package main

import (
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"time"
)

var (
	runs   = flag.Int("runs", 3, "synth runs per scenario (the median is reported)")
	deploy = flag.Bool("deploy", true, "also deploy to the emulator: plan time per stack and the failover deploy")
)

type row struct {
	name  string
	res   result
	ratio string
	note  string
}

func main() {
	flag.Parse()
	// Synth needs an endpoint for config/local.yaml; nothing is called.
	if os.Getenv("MULTIREGION_ENDPOINT") == "" {
		os.Setenv("MULTIREGION_ENDPOINT", "http://127.0.0.1:4566")
	}
	root, _ := os.Getwd()
	if _, err := os.Stat(filepath.Join(root, "cdktf.json")); err != nil {
		fail(fmt.Errorf("run from the repository root"))
	}
	work, err := os.MkdirTemp("", "multiregion-bench-")
	if err != nil {
		fail(err)
	}
	defer os.RemoveAll(work)
	env := benchEnv(root)

	var rows []row
	// Builds: a private GOCACHE makes the first build cold.
	cache := filepath.Join(work, "gocache")
	for _, kind := range []string{"cold", "warm"} {
		res := must(run(command(root, append(env, "GOCACHE="+cache), "go", "build", "-o", filepath.Join(work, "multiregion"), ".")))
		rows = append(rows, row{name: "go build (" + kind + ")", res: res})
	}
	must(run(command(root, env, "go", "build", "-o", filepath.Join(work, "floor"), "./bench/floor")))

	floor := median(func() result { return synth(work, env, filepath.Join(work, "floor"), "") })
	rows = append(rows, row{name: "synth: floor (provider only)", res: floor, ratio: "1.00x"})
	app := filepath.Join(work, "multiregion")
	for _, sc := range scenarios(work) {
		res := median(func() result { return synth(work, env, app, sc.config) })
		rows = append(rows, row{name: "synth: " + sc.name, res: res, ratio: ratio(res, floor), note: sc.note})
	}
	rows = append(rows, validateRows(work, env, app)...)
	if *deploy {
		rows = append(rows, deployRows(root, work, env, app)...)
	}
	printTable(rows)
}

// synth runs one synthesis of bin with config into a fresh directory.
func synth(work string, env []string, bin, config string) result {
	out, err := os.MkdirTemp(work, "out-")
	if err != nil {
		fail(err)
	}
	defer os.RemoveAll(out)
	e := append(env, "CDKTF_OUTDIR="+out)
	if config != "" {
		e = append(e, "MULTIREGION_CONFIG="+config)
	}
	return must(run(command(filepath.Dir(bin), e, bin)))
}

func median(f func() result) result {
	var rs []result
	for i := 0; i < *runs; i++ {
		rs = append(rs, f())
	}
	sort.Slice(rs, func(i, j int) bool { return rs[i].wall < rs[j].wall })
	return rs[len(rs)/2]
}

func ratio(r, floor result) string {
	return fmt.Sprintf("%.2fx", r.wall.Seconds()/floor.wall.Seconds())
}

func command(dir string, env []string, name string, args ...string) *exec.Cmd {
	cmd := exec.Command(name, args...)
	cmd.Dir = dir
	cmd.Env = env
	return cmd
}

func benchEnv(root string) []string {
	return append(os.Environ(),
		"JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION=20",
		"MULTIREGION_ENDPOINT=http://127.0.0.1:4566",
		"CHECKPOINT_DISABLE=1",
		"TF_CLI_CONFIG_FILE="+filepath.Join(root, "tools", "terraform.rc"),
		"TF_PLUGIN_CACHE_DIR="+filepath.Join(root, ".cache", "tf-plugins"),
		"TF_PLUGIN_CACHE_MAY_BREAK_DEPENDENCY_LOCK_FILE=1",
	)
}

func printTable(rows []row) {
	host, _ := os.Hostname()
	fmt.Printf("machine: %s, %d CPUs, %s/%s, %s\n\n", host, runtime.NumCPU(), runtime.GOOS, runtime.GOARCH, time.Now().Format("2006-01-02"))
	fmt.Println("| measurement | wall time | peak RSS (Go + Node) | vs floor | note |")
	fmt.Println("|---|---:|---:|---:|---|")
	for _, r := range rows {
		mem := "-"
		if r.res.peakRSS > 0 {
			mem = fmt.Sprintf("%d MiB", r.res.peakRSS>>20)
		}
		fmt.Printf("| %s | %.2f s | %s | %s | %s |\n", r.name, r.res.wall.Seconds(), mem, orDash(r.ratio), r.note)
	}
}

func orDash(s string) string {
	if strings.TrimSpace(s) == "" {
		return "-"
	}
	return s
}

func must(r result, err error) result {
	if err != nil {
		fail(err)
	}
	return r
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "bench:", err)
	os.Exit(1)
}
