// Every Redis key the hub uses, under one prefix (several hubs or test runs share a Redis by prefix).
export class Keys {
  readonly prefix: string;
  private k(...parts: string[]): string {
    return [this.prefix, ...parts].join(':');
  }
  constructor(prefix: string) {
    this.prefix = prefix;
  }
  get meta() {
    return this.k('meta');
  }
  get users() {
    return this.k('users');
  }
  get usernames() {
    return this.k('usernames');
  }
  /** agentId → capacity (read by the commit script) */
  get capacity() {
    return this.k('capacity');
  }
  /** agentId → tickets counting against capacity (changed only by the commit script) */
  get load() {
    return this.k('load');
  }
  get tickets() {
    return this.k('tickets');
  }
  ticket(id: string) {
    return this.k('t', id);
  }
  byStatus(status: string) {
    return this.k('ts', status);
  }
  byAgent(agentId: string) {
    return this.k('ta', agentId);
  }
  byCustomer(customerId: string) {
    return this.k('tc', customerId);
  }
  messages(ticketId: string) {
    return this.k('msgs', ticketId);
  }
  clientMsgIds(ticketId: string) {
    return this.k('cmid', ticketId);
  }
  actions(ticketId: string) {
    return this.k('acts', ticketId);
  }
  actionIds(ticketId: string) {
    return this.k('actid', ticketId);
  }
  assignments(ticketId: string) {
    return this.k('asg', ticketId);
  }
  get seqHeads() {
    return this.k('seq');
  }
  stream(userId: string) {
    return this.k('ev', userId);
  }
  /** Answers stored before they expired (one field each); read for old data, no longer written. */
  get commands() {
    return this.k('cmd');
  }
  /** One idempotent command's stored answer (a hash with an expiry). */
  command(field: string) {
    return this.k('cmd', field);
  }
  get outcomes() {
    return this.k('out');
  }
  outcomesOf(ticketId: string) {
    return this.k('outt', ticketId);
  }
  get resolved() {
    return this.k('res', 'resolved');
  }
  get resolvedTotal() {
    return this.k('res', 'total');
  }
  get conversions() {
    return this.k('conv');
  }
  get conflicts() {
    return this.k('cf');
  }
  get conflictDedup() {
    return this.k('cfdedup');
  }
  conflictsByStatus(status: string) {
    return this.k('cfs', status);
  }
  conflictsOf(ticketId: string) {
    return this.k('cft', ticketId);
  }
  get kbVersion() {
    return this.k('kb', 'version');
  }
  get kbVersionSeq() {
    return this.k('kb', 'vseq');
  }
  get kbDocs() {
    return this.k('kb', 'docs');
  }
  get kbByVersion() {
    return this.k('kb', 'byver');
  }
  get kbLive() {
    return this.k('kb', 'live');
  }
  /** The integration API (redis/integration.ts): `int:<what>[:<owner>]`. */
  int(what: string, owner?: string) {
    return owner === undefined ? this.k('int', what) : this.k('int', what, owner);
  }
  /** pub/sub: "user seq,user seq" for every commit that appended events */
  get fan() {
    return this.k('fan');
  }
  get presence() {
    return this.k('presence');
  }
  node(name: string) {
    return this.k('node', name);
  }
  lease(name: string) {
    return this.k('lease', name);
  }
}
