// Everything the Metadata API keeps per org: the component store, the deploy queue (one deploy at a
// time, others wait Pending) and retrieve requests.
import { ComponentStore, type SerializedStore } from './component-store.ts';
import { DeployQueue } from './deploy-queue.ts';
import type { RetrieveJob } from './retrieve-service.ts';

export interface SerializedMetadata {
  store: SerializedStore;
}

export class OrgMetadata {
  readonly store = new ComponentStore();
  readonly deploys = new DeployQueue();
  readonly retrieves = new Map<string, RetrieveJob>();

  toJSON(): SerializedMetadata {
    return { store: this.store.toJSON() };
  }

  load(data: SerializedMetadata | undefined): void {
    this.store.load(data?.store);
  }

  reset(): void {
    this.store.clear();
    this.deploys.clear();
    this.retrieves.clear();
  }
}
