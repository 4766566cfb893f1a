declare module "bpmn-moddle";
