// The named architecture presets and the one switch that builds them. Each preset is a full set of knobs with
// sourced defaults; a scenario overrides any of them.

import { InputError } from "../errors.ts";
import type { BlockVolumeConfig } from "../storage/defaults.ts";
import { GP3_DEFAULTS } from "../storage/defaults.ts";
import { AutomqArchitecture } from "./automq.ts";
import type { AutomqConfig } from "./automqConfig.ts";
import type { ClusterSpec } from "./cluster.ts";
import type { Consumers } from "./consumers.ts";
import { DisklessArchitecture } from "./diskless.ts";
import { DISKLESS_DEFAULTS, type DisklessConfig } from "./disklessConfig.ts";
import { KafkaArchitecture } from "./kafka.ts";
import { TieredKafkaArchitecture } from "./tieredKafka.ts";
import { S3_STANDARD_DEFAULTS, type ObjectStoreConfig } from "../storage/defaults.ts";
import { KAFKA_DEFAULTS, TIERED_DEFAULTS, type KafkaConfig } from "./kafkaConfig.ts";
import type { Producers } from "./producers.ts";
import type { Architecture, World } from "./world.ts";

/** Which architecture a run simulates, with its knobs. */
export type ArchitectureSpec =
  | { kind: "kafka"; name?: string; kafka?: Partial<KafkaConfig>; volume?: Partial<BlockVolumeConfig> }
  | { kind: "kafka-tiered"; name?: string; kafka?: Partial<KafkaConfig>; volume?: Partial<BlockVolumeConfig>; objectStore?: Partial<ObjectStoreConfig> }
  | { kind: "diskless"; name?: string; diskless?: Partial<DisklessConfig> }
  | { kind: "automq"; name?: string; automq?: Partial<AutomqConfig> };

/** Architecture kinds bytepath models. */
export const ARCHITECTURE_KINDS = ["kafka", "kafka-tiered", "diskless", "automq"] as const;

/** Builds the architecture a spec names, bound to its clients. */
export function createArchitecture(
  world: World,
  spec: ArchitectureSpec,
  cluster: ClusterSpec,
  producers: Producers,
  consumers: Consumers,
): Architecture {
  switch (spec.kind) {
    case "kafka":
    case "kafka-tiered": {
      const config: KafkaConfig = { ...KAFKA_DEFAULTS, ...spec.kafka };
      const volume = { ...GP3_DEFAULTS, ...spec.volume };
      let arch: KafkaArchitecture;
      if (spec.kind === "kafka-tiered") {
        config.tiered = { ...TIERED_DEFAULTS, ...spec.kafka?.tiered };
        arch = new TieredKafkaArchitecture(world, config, volume, cluster.instance.memoryBytes, { ...S3_STANDARD_DEFAULTS, ...spec.objectStore }, spec.name ?? spec.kind);
      } else {
        arch = new KafkaArchitecture(world, config, volume, cluster.instance.memoryBytes, spec.name ?? spec.kind);
      }
      arch.bindClients(producers, consumers);
      return arch;
    }
    case "diskless": {
      const arch = new DisklessArchitecture(world, { ...DISKLESS_DEFAULTS, ...spec.diskless }, cluster.instance.memoryBytes, spec.name ?? spec.kind);
      arch.bindClients(producers, consumers);
      return arch;
    }
    case "automq": {
      const arch = new AutomqArchitecture(world, spec.automq ?? {}, spec.name ?? spec.kind);
      arch.bindClients(producers, consumers);
      return arch;
    }
    default:
      throw new InputError("architecture.kind", (spec as { kind: unknown }).kind, `one of ${ARCHITECTURE_KINDS.join(", ")}`);
  }
}
