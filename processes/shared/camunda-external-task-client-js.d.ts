// Types for camunda-external-task-client-js 3.1 (the package ships none): only what Jintu's workers use.
declare module "camunda-external-task-client-js" {
  import type { EventEmitter } from "node:events";

  export interface TypedValue { value: unknown; type: string; valueInfo?: Record<string, unknown> }

  export class Variables {
    constructor(initialVariables?: Record<string, TypedValue>, options?: Record<string, unknown>);
    get(name: string): any;
    getTyped(name: string): TypedValue | undefined;
    getAll(): Record<string, any>;
    getAllTyped(): Record<string, TypedValue>;
    set(name: string, value: unknown): this;
    setTyped(name: string, typedValue: TypedValue): this;
    setAll(values: Record<string, unknown>): this;
    setAllTyped(values: Record<string, TypedValue>): this;
  }

  export interface ExternalTask {
    id: string;
    topicName: string;
    workerId: string;
    processInstanceId: string;
    processDefinitionKey: string;
    activityId: string;
    businessKey: string | null;
    tenantId: string | null;
    retries: number | null;
    variables: Variables;
  }

  export interface TaskService {
    complete(task: ExternalTask, processVariables?: Variables, localVariables?: Variables): Promise<void>;
    handleFailure(task: ExternalTask, options: { errorMessage?: string; errorDetails?: string; retries?: number; retryTimeout?: number }): Promise<void>;
    handleBpmnError(task: ExternalTask, errorCode: string, errorMessage?: string, variables?: Variables): Promise<void>;
    extendLock(task: ExternalTask, newDuration: number): Promise<void>;
    unlock(task: ExternalTask): Promise<void>;
  }

  export type Handler = (args: { task: ExternalTask; taskService: TaskService }) => Promise<void> | void;

  export interface SubscribeOptions {
    lockDuration?: number;
    variables?: string[];
    processDefinitionKey?: string;
    processDefinitionKeyIn?: string[];
    tenantIdIn?: string[];
    localVariables?: boolean;
  }

  export interface ClientOptions {
    baseUrl: string;
    workerId?: string;
    maxTasks?: number;
    interval?: number;
    lockDuration?: number;
    autoPoll?: boolean;
    asyncResponseTimeout?: number;
    interceptors?: unknown;
    use?: unknown;
    usePriority?: boolean;
    maxParallelExecutions?: number;
  }

  export class Client extends EventEmitter {
    constructor(options: ClientOptions);
    start(): void;
    stop(): void;
    subscribe(topic: string, options: SubscribeOptions, handler: Handler): { unsubscribe(): void };
    subscribe(topic: string, handler: Handler): { unsubscribe(): void };
  }

  export class BasicAuthInterceptor {
    constructor(options: { username: string; password: string });
  }

  export const logger: unknown;
}
