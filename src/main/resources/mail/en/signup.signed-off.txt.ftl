<#-- signup.signed-off (en), plain text; also sets the subject -->
<#import "/text.ftl" as t>
<#assign subject>Sign-off confirmed: ${(course.name)!""}</#assign>
<@t.hello/>

You have signed off from the course <@t.coursePhrase c=course!{}/>; your signup is cancelled. Your seat goes to the next person on the waiting list.

If you did not sign off yourself, someone has used your status link; in that case, please contact the course team.

<@t.statusLink/>

<@t.footer/>
