// Types for the parts of camunda-external-task-client-js 3.1 (Apache-2.0, ships no types) that
// external-task-client.ts uses. Nothing else imports the library.
declare module 'camunda-external-task-client-js' {
  export interface ClientOptions {
    baseUrl: string;
    workerId?: string;
    maxTasks?: number;
    maxParallelExecutions?: number;
    interval?: number;
    lockDuration?: number;
    autoPoll?: boolean;
    asyncResponseTimeout?: number;
    interceptors?: ((config: unknown) => unknown) | ((config: unknown) => unknown)[];
    use?: unknown;
  }
  export interface TypedValue {
    value: unknown;
    type: string;
    valueInfo?: Record<string, unknown>;
  }
  export class Variables {
    constructor();
    getAll(): Record<string, unknown>;
    getAllTyped(): Record<string, TypedValue>;
    set(name: string, value: unknown): this;
    setTyped(name: string, typed: TypedValue): this;
  }
  export interface ExternalTask {
    id: string;
    topicName: string;
    workerId: string;
    retries: number | null;
    processInstanceId: string;
    processDefinitionKey: string;
    activityId: string;
    businessKey: string | null;
    lockExpirationTime: string;
    variables: Variables;
    /** Present when subscribed with includeExtensionProperties. */
    extensionProperties?: Record<string, string>;
  }
  export interface TaskService {
    complete(task: ExternalTask, variables?: Variables, localVariables?: Variables): Promise<void>;
    handleFailure(task: ExternalTask, options: { errorMessage: string; errorDetails?: string; retries: number; retryTimeout: number }): Promise<void>;
    handleBpmnError(task: ExternalTask, errorCode: string, errorMessage?: string, variables?: Variables): Promise<void>;
    unlock(task: ExternalTask): Promise<void>;
    /** Sets the lock to expire `newDuration` ms from now; refused (an EngineError with httpStatusCode) when the task is no longer ours. */
    extendLock(task: ExternalTask, newDuration: number): Promise<void>;
  }
  export interface Subscription {
    unsubscribe(): void;
  }
  export class Client {
    constructor(options: ClientOptions);
    subscribe(
      topic: string,
      options: { lockDuration?: number; processDefinitionKey?: string; includeExtensionProperties?: boolean; variables?: string[] },
      handler: (args: { task: ExternalTask; taskService: TaskService }) => Promise<void>): Subscription;
    start(): void;
    stop(): void;
    on(event: 'poll:error' | 'complete:error' | 'handleFailure:error' | 'handleBpmnError:error' | 'unlock:error', listener: (...args: unknown[]) => void): this;
    on(event: string, listener: (...args: unknown[]) => void): this;
  }
  export class BasicAuthInterceptor {
    constructor(options: { username: string; password: string });
  }
}
