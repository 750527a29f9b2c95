// The explorer's core: nodes as data, their looks, paging per group, and the model of the tree. No VS Code here.
export * from './nodes';
export * from './describe';
export * from './group';
export * from './model';
export * from './resources';
export * from './nameFilter';
export * from './connection';
