package stream_test

import (
	"bytes"
	"context"
	"log"
	"net/http"
	"os/signal"
	"syscall"

	"github.com/piiguard/piiguard/engine/stream"
)

// Example runs the engine with a trivial processor until SIGTERM, serving
// metrics and health on :9090.
func Example() {
	p := stream.ProcessorFunc(func(_ context.Context, in stream.Input) (stream.Output, error) {
		if !bytes.HasPrefix(in.Value, []byte("{")) {
			return stream.Output{}, stream.ProcessError{Reason: "invalid_json"}
		}
		return stream.Output{Key: in.Key, Value: in.Value}, nil
	})
	e, err := stream.New(p, stream.Brokers("127.0.0.1:9092"), stream.Workers(4))
	if err != nil {
		log.Fatal(err)
	}
	go func() { log.Println(http.ListenAndServe(":9090", e.Handler())) }()
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGTERM)
	defer stop()
	if err := e.Run(ctx); err != nil {
		log.Fatal(err)
	}
}
