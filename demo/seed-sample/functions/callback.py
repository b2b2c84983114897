# A Python port of the seed sample's functions/callback.js (Node.js, aws-sdk v2, which is not
# installable here): it sends the parent's task token back with SendTaskSuccess, its output the
# message as a JSON string. Like the original it logs the event and the context, returns no
# result on success, and on a failed call logs the error and returns it instead of failing.
# boto3 reads AWS_ENDPOINT_URL_SFN, so under sfdbg the call goes to the session's endpoint.
import json

import boto3

stepfunctions = boto3.client("stepfunctions")


def lambda_handler(event, context):
    print("event:", json.dumps(event))
    print("context:", context.function_name, context.aws_request_id)
    try:
        stepfunctions.send_task_success(taskToken=event["TaskToken"], output=json.dumps(event["Message"]))
    except Exception as error:
        print("SendTaskSuccess failed:", error)
        return {"error": type(error).__name__, "message": str(error)}
    return None
