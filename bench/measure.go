package main

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// result is one timed run: wall time and the peak of the summed resident
// memory of the process and all its descendants (Go and Node together).
type result struct {
	wall    time.Duration
	peakRSS int64 // bytes
}

// run executes cmd, sampling the process tree's RSS every 20 ms.
func run(cmd *exec.Cmd) (result, error) {
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	var out strings.Builder
	if cmd.Stdout == nil {
		cmd.Stdout = &out
	}
	if cmd.Stderr == nil {
		cmd.Stderr = &out
	}
	start := time.Now()
	if err := cmd.Start(); err != nil {
		return result{}, err
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	var peak int64
	tick := time.NewTicker(20 * time.Millisecond)
	defer tick.Stop()
	for {
		select {
		case err := <-done:
			res := result{wall: time.Since(start), peakRSS: peak}
			if err != nil {
				return res, fmt.Errorf("%s: %v\n%s", strings.Join(cmd.Args, " "), err, tailText(out.String(), 30))
			}
			return res, nil
		case <-tick.C:
			if rss := groupRSS(cmd.Process.Pid); rss > peak {
				peak = rss
			}
		}
	}
}

// groupRSS sums VmRSS over every process in the process group pgid.
func groupRSS(pgid int) int64 {
	entries, _ := os.ReadDir("/proc")
	var total int64
	for _, e := range entries {
		pid, err := strconv.Atoi(e.Name())
		if err != nil {
			continue
		}
		if g, err := syscall.Getpgid(pid); err != nil || g != pgid {
			continue
		}
		status, err := os.ReadFile(filepath.Join("/proc", e.Name(), "status"))
		if err != nil {
			continue
		}
		for _, line := range strings.Split(string(status), "\n") {
			if strings.HasPrefix(line, "VmRSS:") {
				kb, _ := strconv.ParseInt(strings.Fields(line)[1], 10, 64)
				total += kb * 1024
			}
		}
	}
	return total
}

func tailText(s string, n int) string {
	lines := strings.Split(s, "\n")
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return strings.Join(lines, "\n")
}
