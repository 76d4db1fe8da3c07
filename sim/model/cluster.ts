// The cluster every architecture is laid out on: zones, brokers (or agents) per zone and their instance type.
// Instance figures are from the reference's price and sizing tables; where AWS publishes only "up to" network
// bandwidth, the baseline used is stated beside the instance.

import { InputError, requirePositive } from "../errors.ts";
import { GiB } from "../units.ts";

/** An EC2 instance type as the models see it. */
export interface InstanceType {
  name: string;
  vcpus: number;
  memoryBytes: number;
  /** Sustained NIC bandwidth each way, bytes/s. */
  networkBytesPerSecond: number;
}

// r6i.large: "in/out baseline bandwidth (excluding burst) is 100MB/s" (AutoMQ/kafka-provider-comparison,
// cost-explanation/automq.md). Larger sizes of the family scale the baseline with the size, an assumption of
// bytepath's: AWS documents r6i baselines per size, not reproduced in the reference.
const R6I_LARGE_NETWORK = 100e6;

/** Instance types the presets use; a scenario may define its own. */
export const INSTANCE_TYPES: Readonly<Record<string, InstanceType>> = {
  "r6i.large": { name: "r6i.large", vcpus: 2, memoryBytes: 16 * GiB, networkBytesPerSecond: R6I_LARGE_NETWORK },
  "r6i.xlarge": { name: "r6i.xlarge", vcpus: 4, memoryBytes: 32 * GiB, networkBytesPerSecond: 2 * R6I_LARGE_NETWORK },
  "r6i.2xlarge": { name: "r6i.2xlarge", vcpus: 8, memoryBytes: 64 * GiB, networkBytesPerSecond: 4 * R6I_LARGE_NETWORK },
  "r6i.4xlarge": { name: "r6i.4xlarge", vcpus: 16, memoryBytes: 128 * GiB, networkBytesPerSecond: 8 * R6I_LARGE_NETWORK },
  // m7g.4xlarge is AutoMQ's benchmark broker ($476.544/month, reference section C); AWS lists it at "up to 15 Gbps"
  // with a 7.5 Gbps baseline, which is used here (assumption: not in the reference).
  "m7g.4xlarge": { name: "m7g.4xlarge", vcpus: 16, memoryBytes: 64 * GiB, networkBytesPerSecond: 7.5e9 / 8 },
  // Clients are sized so that they never bottleneck the comparison: the question is the brokers' byte paths.
  client: { name: "client", vcpus: 16, memoryBytes: 64 * GiB, networkBytesPerSecond: 25e9 / 8 },
};

/** Zones and brokers per zone, with the broker instance type. */
export interface ClusterSpec {
  zones: number;
  brokersPerZone: number;
  instance: InstanceType;
}

/** One broker (or agent) of the cluster. */
export interface BrokerSlot {
  index: number;
  zone: number;
  name: string;
}

/** Brokers in zone-alternating order (b0 in zone 0, b1 in zone 1, ...), as rack-aware placement walks them. */
export function layoutBrokers(spec: ClusterSpec, namePrefix = "broker"): BrokerSlot[] {
  checkCluster(spec);
  const brokers: BrokerSlot[] = [];
  for (let i = 0; i < spec.zones * spec.brokersPerZone; i++) {
    brokers.push({ index: i, zone: i % spec.zones, name: `${namePrefix}-${i}` });
  }
  return brokers;
}

/** Checks cluster numbers; throws InputError naming the field. */
export function checkCluster(spec: ClusterSpec, path = "cluster"): ClusterSpec {
  if (!Number.isSafeInteger(spec.zones) || spec.zones < 1 || spec.zones > 16) {
    throw new InputError(`${path}.zones`, spec.zones, "a whole number from 1 to 16");
  }
  if (!Number.isSafeInteger(spec.brokersPerZone) || spec.brokersPerZone < 1 || spec.brokersPerZone > 1000) {
    throw new InputError(`${path}.brokersPerZone`, spec.brokersPerZone, "a whole number from 1 to 1000");
  }
  requirePositive(`${path}.instance.networkBytesPerSecond`, spec.instance.networkBytesPerSecond);
  requirePositive(`${path}.instance.memoryBytes`, spec.instance.memoryBytes);
  return spec;
}
