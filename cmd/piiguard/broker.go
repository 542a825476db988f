package main

import (
	"fmt"
	"strings"

	"github.com/piiguard/piiguard/engine/broker"
)

func runBroker(env *environ, args []string) int {
	fs := newFlags(env, "broker", "broker [flags]",
		"Serves an in-process Kafka-protocol broker with the default topics until interrupted.")
	addr := fs.String("addr", broker.DefaultAddr, "listen `HOST:PORT` (port 0: any free port)")
	partitions := fs.Int("partitions", broker.DefaultPartitions, "partitions of each pre-created topic")
	dataDir := fs.String("data-dir", "", "keep the broker's data in `DIR` across restarts (default: in memory)")
	if code, done := parseFlags(env, fs, args); done {
		return code
	}
	if fs.NArg() > 0 {
		return badArgs(env, fs, fmt.Sprintf("unexpected argument %q", fs.Arg(0)))
	}
	ctx, stop := signalContext(env)
	defer stop()
	opts := []broker.Opt{broker.Addr(*addr), broker.Partitions(*partitions)}
	if *dataDir != "" {
		opts = append(opts, broker.DataDir(*dataDir))
	}
	b, err := broker.Start(ctx, opts...)
	if err != nil {
		fmt.Fprintf(env.stderr, "piiguard broker: %v\n", err)
		return exitRuntime
	}
	defer b.Close()
	fmt.Fprintf(env.stdout, "piiguard broker: Kafka protocol on %s, topics %s (%d partitions each); Ctrl-C stops it\n",
		strings.Join(b.Addrs(), ","), strings.Join(append(broker.DefaultTopics(), broker.DefaultCompactedTopics()...), ", "), *partitions)
	<-ctx.Done()
	return exitOK
}
