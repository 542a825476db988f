// Package broker runs piiguard's embedded Kafka-protocol broker: franz-go's
// kfake cluster, one node listening on one local address, with piiguard's
// topics created up front.
//
// It exists so that a newcomer needs no Kafka install (`piiguard broker`,
// `piiguard demo`) and so that tests run against a real protocol peer. It keeps
// its log in memory unless [DataDir] is given, and it is not meant for
// production data: point production at a real Kafka or Redpanda cluster.
//
//	b, err := broker.Start(ctx, broker.Addr("127.0.0.1:0"))
//	if err != nil { ... }
//	defer b.Close()
//	brokers := b.Addrs() // e.g. ["127.0.0.1:40211"]
package broker
