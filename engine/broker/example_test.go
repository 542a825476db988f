package broker_test

import (
	"context"
	"fmt"

	"github.com/piiguard/piiguard/engine/broker"
)

func ExampleStart() {
	b, err := broker.Start(context.Background(), broker.Addr("127.0.0.1:0"), broker.Partitions(3))
	if err != nil {
		fmt.Println(err)
		return
	}
	defer b.Close()
	fmt.Println(len(b.Addrs()), "listener; topics:", broker.DefaultTopics())
	// Output: 1 listener; topics: [interactions.raw interactions.redacted interactions.compliance interactions.dlq interactions.restricted]
}
